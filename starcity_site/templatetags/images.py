"""{% picture obj "variant" %}: responsive <picture> for any model with ImageFields."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(obj, variant="card", lazy=True, sizes=None):
    return {"obj": obj, "variant": variant, "lazy": lazy, "sizes": sizes}
