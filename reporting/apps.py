from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self):
        from alliance_hub import hooks
        from alliance_hub.nav import register_container_link

        from . import launch, tasks

        register_container_link("Reports", "reporting:series_list", order=35)
        hooks.register_member_todo(launch.reports_todo)
        hooks.register_periodic(
            "reporting.reminders", tasks.REMINDERS_EVERY, tasks.send_report_reminders
        )
