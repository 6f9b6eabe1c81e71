"""Announcements of the organizations app, for apps that give every new LGO something of their own.

    organization_created.send(sender=Organization, organization=organization)

Sent by `services.create_organization` inside its transaction, once the LGO, its site and its departments exist,
so a receiver's rows are created (or rolled back) with the LGO, whether `create_lgo`, the web onboarding screen or
a test made it.
"""

from django.dispatch import Signal

organization_created = Signal()
