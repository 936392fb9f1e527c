"""Editors' screens for news: articles (publishing, preview, share links, no lost updates),
categories and tags (rename and merge).

Who may publish: users with ``news.publish_article`` (the Editors group). Anyone else (Authors)
drafts only — enforced in ``save_model`` and the permission checks, not just by hiding fields.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from library.admin import ImageChooserAdminMixin
from news import review
from news.admin_forms import MergeTagsForm, ScheduleForm, ShareLinkInlineForm, publish_refusal
from news.models import Article, Category, ShareLink, Tag
from spoilers.admin_tools import ARTICLE_SPOILER_FIELDSET, SpoilerPreviewMixin
from starcity_site.admin import ContentAdmin
from starcity_site.caching import content_changed
from starcity_site.publishing import Status
from starcity_site.redirects import add_redirect
from starcity_site.richtext import RichTextAdminMixin

PUBLISH_PERMISSION = "news.publish_article"
ACTION_TEMPLATE = "admin/starcity/action_form.html"

# Registered here rather than by VersionAdmin so the share links inline is *not* followed:
# restoring an old version must never bring a revoked link back or delete a newer one.
if not reversion.is_registered(Article):
    reversion.register(Article)


def can_publish(request) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


def share_url(link: ShareLink) -> str:
    return f"{settings.SITE_URL}{link.get_absolute_url()}"


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "Waiting for review"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
        ]

    def queryset(self, request, queryset):
        chosen = {
            "draft": queryset.drafts,
            "review": queryset.waiting_for_review,
            "scheduled": queryset.scheduled,
            "published": queryset.published,
        }
        return chosen[self.value()]() if self.value() in chosen else queryset


class ShareLinkInline(admin.TabularInline):
    model = ShareLink
    form = ShareLinkInlineForm
    fields = ["lifetime", "link", "state", "expires_at", "created_by", "revoke"]
    readonly_fields = ["link", "state", "expires_at", "created_by"]
    extra = 1
    can_delete = False
    verbose_name_plural = "Share links (a secret preview URL for a reviewer without an account)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description="URL to send")
    def link(self, obj: ShareLink):
        if obj.pk is None:
            return "Choose how long it works and save."
        return format_html('<span class="share-url">{}</span>', share_url(obj))

    @admin.display(description="state")
    def state(self, obj: ShareLink):
        return obj.state_label if obj.pk else "—"


@admin.register(Article)
class ArticleAdmin(ImageChooserAdminMixin, RichTextAdminMixin, SpoilerPreviewMixin, ContentAdmin):
    form = review.ArticleReviewForm
    # Short columns only, so the list fits a 1280 px screen with the filters beside it.
    list_display = ["title", "thumbnail", "state", "published", "author"]
    list_filter = [StateFilter, "category", "featured", "tags", "shows"]
    list_select_related = ["category", "author", "image"]
    search_fields = ["title", "slug", "standfirst", "body"]
    raw_id_fields = ["image"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "tags", "shows", "people", "spoils_episode", "anchor_episode"]
    readonly_fields = ["preview_link", "spoiler_preview", "created_at", "updated_at", "review_history"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "expected_version"]}),
        (
            "Publishing",
            {
                "fields": [("status", "published_at"), "featured", "preview_link"],
                "description": "Published with a future time means scheduled: invisible until then.",
            },
        ),
        # Chosen from the library, where its alt text, caption, credit and crop are edited.
        ("Hero image", {"fields": ["image"]}),
        ("About", {"fields": ["author", "category", "tags", "shows", "people"]}),
        ("Source", {"fields": ["source_name", "source_url"]}),
        ARTICLE_SPOILER_FIELDSET,
        (
            "Review",
            {
                "fields": ["review_note", "review_history"],
                "description": "Authors submit a draft for review; an editor sends it back with a note or publishes it.",
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [ShareLinkInline]
    actions = ["publish_now", "schedule", "unpublish"]

    # --- permissions: Authors draft, Editors publish -----------------------------------
    def has_publish_permission(self, request) -> bool:
        return can_publish(request)

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or can_publish(request):
            return allowed
        # An author's save of a published article would go live unreviewed, and another author's
        # draft is theirs to write: an author may only view those.
        return obj.status == Status.DRAFT and obj.author_id == request.user.pk

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request):
            fields += ["status", "published_at", "featured", "author"]
        return fields

    # --- the review queue (news.review): buttons on the change form ----------------------
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.review_step = review.requested_step(request)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The buttons are only shown to editors; a crafted POST from anyone else is refused.
        if review.requested_step(request) in review.NEEDS_PUBLISHER and not can_publish(request):
            raise PermissionDenied
        context = {"review_can_publish": can_publish(request), **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, context)

    def response_add(self, request, obj, post_url_continue=None):
        return self._review_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._review_response(request, obj) or super().response_change(request, obj)

    def _review_response(self, request, obj: Article):
        step = getattr(obj, "review_step_taken", None)
        if step is None:
            return None
        text = review.describe(step)
        reversion.set_comment(text)  # after the admin's own change message: the step names the revision
        self.message_user(request, f"“{obj}”: {text}", messages.SUCCESS)
        if "_continue" in request.POST or review.requested_step(request) is None:
            return None
        return self.response_post_save_change(request, obj)

    @admin.display(description="review steps")
    def review_history(self, obj: Article):
        steps = list(obj.review_steps.select_related("user")) if obj.pk else []
        if not steps:
            return "None yet."
        rows = (
            (
                timezone.localtime(step.at).replace(microsecond=0).isoformat(),
                f"{timezone.localtime(step.at):%d %b %Y %H:%M}",
                step.get_kind_display(),
                step.user.get_username() if step.user else "—",
                step.note or "",
            )
            for step in steps
        )
        return format_html(
            '<ol class="review-steps">{}</ol>',
            format_html_join("", '<li><time datetime="{}">{}</time> {} by {}<br>{}</li>', rows),
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            # Editors cannot see the user admin; offer staff and anyone already credited with an
            # article (a desk account need not be staff), so saving never drops an author.
            users = get_user_model().objects.filter(Q(is_staff=True) | Q(articles__isnull=False))
            kwargs["queryset"] = users.distinct().order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        if not change and obj.author_id is None:
            obj.author = request.user
        if not can_publish(request):
            # Enforced here, whatever the form sent: a non-publisher never changes visibility.
            stored = Article.objects.filter(pk=obj.pk).values("status", "published_at", "featured").first()
            if stored is None:
                obj.status, obj.featured = Status.DRAFT, False
            else:
                obj.status, obj.published_at, obj.featured = (
                    stored["status"],
                    stored["published_at"],
                    stored["featured"],
                )
        step = review.requested_step(request)
        was_waiting = review.prepare(obj, step)
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("review_note", "")
        obj.review_step_taken = review.record(obj, step, was_waiting, request.user, note)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ShareLink:
            return super().save_formset(request, form, formset, change)
        for link in formset.save(commit=False):
            if link.pk is None:
                link.created_by = request.user
                link.save()
                messages.success(
                    request, f"Share link created, valid until {link.expires_at:%d %b %Y %H:%M}: {share_url(link)}"
                )
            else:
                link.save()
        return None

    # Restoring writes an old version over the live row, publish state included: editors only.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._require_publisher(request)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._require_publisher(request)
        return super().recover_view(request, version_id, extra_context)

    def _require_publisher(self, request) -> None:
        if not can_publish(request):
            raise PermissionDenied

    # --- list columns -------------------------------------------------------------------
    @admin.display(description="state", ordering="status")
    def state(self, obj: Article) -> str:
        return obj.state_label

    @admin.display(description="published", ordering="published_at")
    def published(self, obj: Article) -> str:
        return f"{timezone.localtime(obj.published_at):%d %b %Y}" if obj.published_at else "—"

    @admin.display(description="preview")
    def preview_link(self, obj: Article):
        if obj.pk is None:
            return "Save to preview."
        label = "Open the public page" if obj.is_published else "Preview at its real URL (only staff can see it)"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)

    # --- actions: the same rules as the form, one revision per article -------------------
    def _publishable(self, request, articles, when) -> tuple[list[Article], list[str]]:
        """(the articles the form would let this user publish at ``when``, set so but not saved;
        "“title” (why not)" for the rest, left as they are)."""
        ok, refused = [], []
        for article in articles:
            problem = None if self.has_change_permission(request, article) else "you may not change it"
            if problem is None:
                article.publish(when=when)  # checked as it would be saved
                problem = publish_refusal(article)
            if problem:
                refused.append(f"“{article}” ({problem})")
            else:
                ok.append(article)
        return ok, refused

    def _report(self, request, done: str, refused: list[str]) -> None:
        self.message_user(request, done, messages.SUCCESS)
        if refused:
            self.message_user(request, "Not changed: " + "; ".join(refused) + ".", messages.ERROR)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now().replace(microsecond=0)
        articles, refused = self._publishable(request, [a for a in queryset if not a.is_published], now)
        with self.revision_per_object(request, "Published from the article list."):
            for article in articles:
                was_waiting = review.prepare(article, None)
                article.save()
                review.record(article, None, was_waiting, request.user)
        self._report(request, f"Published {len(articles)} article(s).", refused)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = 0
        with self.revision_per_object(request, "Unpublished from the article list."):
            for article in queryset.filter(status=Status.PUBLISHED):
                article.unpublish()
                article.save()
                count += 1
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)

    @admin.action(description="Schedule selected articles…", permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return action_page(self, request, queryset, form, "schedule", "Schedule articles", "Schedule")
        when = form.cleaned_data["published_at"]
        label = f"{timezone.localtime(when):%d %b %Y %H:%M}"
        articles, refused = self._publishable(request, queryset, when)
        with self.revision_per_object(request, f"Scheduled for {label}."):
            for article in articles:
                was_waiting = review.prepare(article, None)
                article.save()
                review.record(article, None, was_waiting, request.user)
        self._report(request, f"Scheduled {len(articles)} article(s) for {label}.", refused)
        return None


def action_page(model_admin, request, queryset, form, action: str, title: str, button: str):
    """The intermediate page of an action that needs input; it posts back to the same action."""
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "opts": model_admin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": action,
        "button": button,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, ACTION_TEMPLATE, context)


class ArticleCountMixin:
    """An "articles" column (sortable) for tags and categories, counted in the list's query."""

    # Explicit: a GROUP BY query drops Meta.ordering, and autocomplete pages need an order.
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, obj) -> int:
        return obj.article_count


@admin.register(Category)
class CategoryAdmin(ArticleCountMixin, ContentAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]


def tag_paths(tag: Tag) -> list[str]:
    """Every public URL of a tag: its page and its feeds, in a fixed order."""
    paths = []
    for name in ("news:tag", "news:tag_feed_rss", "news:tag_feed_atom"):
        try:
            paths.append(reverse(name, kwargs={"slug": tag.slug}))
        except NoReverseMatch:
            paths.append("")
    return paths


@admin.register(Tag)
class TagAdmin(ArticleCountMixin, ContentAdmin):
    """Rename a tag on its form (the old URL redirects, see starcity_site.redirects); merge with the action."""

    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]
    actions = ["merge_tags"]

    @admin.action(description="Merge selected tags into one…", permissions=["delete"])
    def merge_tags(self, request, queryset):
        tags = Tag.objects.filter(pk__in=queryset.values("pk"))
        if tags.count() < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        form = MergeTagsForm(request.POST if "apply" in request.POST else None, tags=tags)
        if not form.is_valid():
            return action_page(self, request, tags, form, "merge_tags", "Merge tags", "Merge")
        target = form.cleaned_data["target"]
        sources = list(tags.exclude(pk=target.pk))
        with self.revision_per_object(request, f"Merged {', '.join(t.name for t in sources)} into {target.name}."):
            merged = merge_tags(target, sources)
        self.message_user(request, f"Merged {', '.join(merged)} into “{target.name}”; their pages redirect to it.")
        return None


def merge_tags(target: Tag, sources: list[Tag]) -> list[str]:
    """Move every article of ``sources`` to ``target``, redirect their URLs, delete them."""
    names = [tag.name for tag in sources]
    with transaction.atomic():
        through = Article.tags.through
        article_ids = set(through.objects.filter(tag__in=sources).values_list("article_id", flat=True))
        target.articles.add(*article_ids)
        target_paths = tag_paths(target)
        for source in sources:
            for old_path, new_path in zip(tag_paths(source), target_paths, strict=True):
                add_redirect(old_path, new_path)
            source.delete()
        content_changed()
    return names


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """Every share link in one place; create them on the article's page, revoke them here or there."""

    list_display = ["article", "state", "link", "expires_at", "created_by", "created_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "expires_at"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title"]
    readonly_fields = ["article", "link", "state", "expires_at", "created_by", "created_at", "revoked_at"]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a link is made on its article's page, with a lifetime

    @admin.display(description="state")
    def state(self, obj: ShareLink) -> str:
        return obj.state_label

    @admin.display(description="URL to send")
    def link(self, obj: ShareLink):
        return format_html('<span class="share-url">{}</span>', share_url(obj))

    @admin.action(description="Revoke selected links", permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        content_changed()  # QuerySet.update sends no signal the page cache listens to
        self.message_user(request, f"Revoked {count} link(s); they now say the link no longer works.")
