from django.urls import path

from . import views, views_classify

app_name = "assistant"


urlpatterns = [
    path("classify/", views_classify.classify_page, name="classify"),
    path("ask/", views.ask, name="ask"),
    path("ask/conversations/<int:conversation_id>/delete/", views.conversation_delete, name="conversation_delete"),
    path("ask/answers/<int:message_id>/feedback/", views.feedback, name="feedback"),
    path("ask/answers/<int:message_id>/", views.answer_poll, name="answer_poll"),
    path("ask/feedback/", views.feedback_list, name="feedback_list"),
]
