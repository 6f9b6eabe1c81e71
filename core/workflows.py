"""Wagtail's "what may this user review" question, asked in one query however many LGOs there are.

Each LGO has its own publishing workflow with its own group-approval task, so a country's deployment has thousands of
active tasks. Wagtail's `TaskState.objects.reviewable_by(user)` (the dashboard's "awaiting your review" panel, the
workflow reports) loads every active task and asks each whether the user is in its groups: one query per LGO, on
every dashboard view of every officer. `install()` (from CoreConfig.ready) answers the same question for Wagtail's
`GroupApprovalTask` in one query (a task state in progress, of an active group-approval task, one of whose groups the
user belongs to; any such task for a superuser), and asks other task types one by one as Wagtail does.
"""

from __future__ import annotations


def reviewable_by(self, user):
    """The task states `user` may moderate (Wagtail's `BaseTaskStateManager.reviewable_by`)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, Task, TaskState

    group_approval = ContentType.objects.get_for_model(GroupApprovalTask)
    tasks = GroupApprovalTask.objects.filter(active=True, content_type=group_approval)
    if not user.is_superuser:
        tasks = tasks.filter(groups__in=user.groups.all())
    states = self.filter(status=TaskState.STATUS_IN_PROGRESS, task__in=tasks.values("pk"))
    for task in Task.objects.filter(active=True).exclude(content_type=group_approval).specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


#: Wagtail's own `reviewable_by` (kept by `install()`; tests compare against it).
wagtail_reviewable_by = None


def install() -> None:
    from wagtail.models.workflows import BaseTaskStateManager

    global wagtail_reviewable_by
    if wagtail_reviewable_by is None:
        wagtail_reviewable_by = BaseTaskStateManager.reviewable_by
    BaseTaskStateManager.reviewable_by = reviewable_by
