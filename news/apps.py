from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from news.anchoring import move_anchored_articles
        from shows.models import Episode

        # An anchored article's publish time follows its episode's air time (issue 9).
        post_save.connect(move_anchored_articles, sender=Episode, dispatch_uid="news:anchored-articles")
