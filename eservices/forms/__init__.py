"""Editor-built forms: the field-type registry, the StreamField blocks editors use, and the Django form builder.

A service's form is stored on its page as a StreamField; at filing time it is turned into a plain JSON *definition*
(`definition.py`) that is snapshotted on the submission, so later edits never change an old case. Everything that
reads answers (the wizard, check-your-answers, PDFs, the officer case page) works from that definition.
"""
