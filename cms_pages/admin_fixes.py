"""Work-arounds for Wagtail admin bugs the site would otherwise ship, each with its test.

Kept in one place so that each can be dropped when the Wagtail release that fixes it lands.
"""

from wagtail.admin.templatetags import wagtailadmin_tags

_workflow_status_with_date = wagtailadmin_tags.workflow_status_with_date


def workflow_status_with_date(workflow_state):
    """Wagtail 8.0.1 reads ``current_task_state.finished_at`` unguarded. A resubmission
    after "변경 요청" saves the workflow without a current task before it starts the task
    again (``WorkflowState.resume``), and an autosave or page load in between answered 500
    (tests/integration/backoffice/test_autosave_after_changes.py). Without a task, the
    workflow's own status is the honest answer."""
    if workflow_state is None:
        return ""
    if workflow_state.current_task_state_id is None:
        return str(workflow_state.get_status_display())
    return _workflow_status_with_date(workflow_state)


def install() -> None:
    """Swap the tag in Wagtail's library before any admin template is compiled."""
    wagtailadmin_tags.register.simple_tag(
        workflow_status_with_date, name="workflow_status_with_date"
    )
