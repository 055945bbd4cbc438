from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tijara.accounts import views

app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_done, name="signup_done"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("verify/<str:token>/", views.verify_email, name="verify"),
    path("verify-again/", views.resend_verification, name="resend_verification"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("switch/", views.switch_organisation, name="switch"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/export/", views.organisation_export, name="organisation_export"),
    path("organisations/<slug:slug>/delete/", views.organisation_delete, name="organisation_delete"),
    path("organisations/<slug:slug>/verify/", views.organisation_verify, name="organisation_verify"),
    path("organisations/<slug:slug>/team/", views.team, name="team"),
    path("organisations/<slug:slug>/team/invite/", views.team_invite, name="team_invite"),
    path("organisations/<slug:slug>/team/<int:user_id>/role/", views.team_role, name="team_role"),
    path("organisations/<slug:slug>/team/<int:user_id>/remove/", views.team_remove, name="team_remove"),
    path("organisations/<slug:slug>/team/leave/", views.team_leave, name="team_leave"),
    path("organisations/<slug:slug>/team/invitations/<int:invitation_id>/withdraw/", views.team_invitation_withdraw,
         name="team_invitation_withdraw"),
    path("organisations/<slug:slug>/team/invitations/<int:invitation_id>/resend/", views.team_invitation_resend,
         name="team_invitation_resend"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("advisor/", views.advisor, name="advisor"),
    path("password-reset/", auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html", email_template_name="accounts/email/password_reset.txt",
        success_url=reverse_lazy("accounts:password_reset_done")), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:login")), name="password_reset_confirm"),
]
