"""Spoiler-safe reading (issue 9).

The API other apps use:

- ``spoilers.request.get_progress(request) -> Progress``: the reader's progress (cookie, or a
  staff preview's ``?as_progress=``), once per request; ``Progress.has_seen(episode_or_id)``.
- ``spoilers.views.SpoilerContextMixin``: masks the usual context names of a view.
- ``spoilers.masking.mask(objects, progress, reveal=False)``: sets ``display_*`` / ``is_masked``
  attributes without queries; ``spoiler_safe_q`` for search.
- Templates: ``{% load spoilers %}{% progress_form %}`` (in base.html),
  ``includes/spoiler_reveal.html`` (with ``item``) and ``includes/spoiler_hidden.html`` (with ``ref``).
"""
