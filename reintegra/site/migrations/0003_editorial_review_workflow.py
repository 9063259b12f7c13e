"""The editorial workflow: editors draft and submit, the "Review" task's reviewers publish.

Wagtail's own defaults give Editors add/change and a "Moderators approval" workflow on the root
page; this adds a Reviewers group with publish rights and makes "Editorial review" the workflow
for the whole tree, so nothing reaches the public site without a second pair of eyes.
"""

from django.db import migrations

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
ADMIN_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "change_document", "Can change document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "change_image", "Can change image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("public_site", "publication", "add_publication", "Can add publication"),
    ("public_site", "publication", "change_publication", "Can change publication"),
    ("public_site", "publication", "delete_publication", "Can delete publication"),
    ("simple_translation", "simpletranslation", "submit_translation", "Can submit translations"),
]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def create_review_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    root = Page.objects.filter(depth=1).first()
    editors = Group.objects.get_or_create(name="Editors")[0]
    reviewers = Group.objects.get_or_create(name="Reviewers")[0]
    for spec in ADMIN_PERMISSIONS:
        permission = _permission(apps, *spec)
        editors.permissions.add(permission)
        reviewers.permissions.add(permission)
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailcore", "page", codename, codename)
            GroupPagePermission.objects.get_or_create(
                group=reviewers, page=root, permission=permission
            )
        for codename in ["add_page", "change_page"]:
            permission = _permission(apps, "wagtailcore", "page", codename, codename)
            GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=permission)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name="Review").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Review", content_type=task_type, active=True)
    task.groups.add(reviewers)
    workflow = Workflow.objects.get_or_create(name="Editorial review", defaults={"active": True})[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    Workflow.objects.filter(name="Moderators approval").exclude(pk=workflow.pk).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("public_site", "0002_document_library"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0001_initial"),
        ("wagtailimages", "0001_initial"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_review_workflow, migrations.RunPython.noop)]
