from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self):
        from alliance_hub import hooks
        from alliance_hub.nav import register_container_link

        from . import launch, services, tasks

        register_container_link("Reports", "reporting:series_list", order=35)
        hooks.register_member_todo(launch.reports_todo)
        hooks.register_notification_kind(services.REPORT_REMINDER, services.REPORT_REMINDER_LABEL)
        hooks.register_admin_permissions("reporting.view_reportseries", "reporting.view_reportitem")
        hooks.register_periodic(
            "reporting.reminders", tasks.REMINDERS_EVERY, tasks.send_report_reminders
        )
