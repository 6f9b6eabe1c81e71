"""Announcements other apps listen to (LINE pushes, e-mail to followers): sent after the write commits.

    report_changed.send(sender=Report, report=report, event=event)   # event: ReportEvent (public ones only)
"""

from django.dispatch import Signal

report_changed = Signal()
