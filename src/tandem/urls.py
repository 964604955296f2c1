"""Tandem's URL map."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tandem.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("accessibility/", web_views.accessibility, name="accessibility"),
    path("degrees.css", web_views.degree_stylesheet, name="degree-stylesheet"),
    path("campaigns/", include("tandem.campaigns.urls")),
    path("governance/", include("tandem.places.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler404 = "tandem.web.views.not_found"
handler500 = "tandem.web.views.server_error"
