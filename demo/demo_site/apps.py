from django.apps import AppConfig


class DemoSiteConfig(AppConfig):
    name = "demo.demo_site"
    label = "demo_site"
