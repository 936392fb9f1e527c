"""The image chooser: Django's raw-id lookup (a text box for the id and a magnifier that opens
the library's list in a popup), showing the chosen image as a thumbnail with its title."""

from __future__ import annotations

from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from starcity_site.admin import thumbnail


class ImageChooserWidget(ForeignKeyRawIdWidget):
    def label_and_url_for_value(self, value):
        model = self.rel.model
        key = self.rel.get_related_field().name
        try:
            image = model._default_manager.using(self.db).get(**{key: value})
        except (ValueError, model.DoesNotExist, ValidationError):
            return "", ""
        try:
            url = reverse(
                f"{self.admin_site.name}:{model._meta.app_label}_{model._meta.model_name}_change", args=[image.pk]
            )
        except NoReverseMatch:
            url = ""  # the admin site does not register the library
        label = format_html('<span class="image-chooser">{} {}</span>', thumbnail(image), image.title)
        return label, url
