from django.db import migrations


def create_missing_profiles(apps, schema_editor):
    """Users created before profiles existed get an empty one (new users get theirs by signal)."""
    User = apps.get_model("profiles", "User")
    Profile = apps.get_model("profiles", "Profile")
    missing = User.objects.filter(profile__isnull=True).values_list("pk", flat=True)
    Profile.objects.bulk_create([Profile(user_id=pk) for pk in missing], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0003_profile_tag_tasks")]

    operations = [migrations.RunPython(create_missing_profiles, migrations.RunPython.noop)]
