"""Spoiler-safe reading (issue 9; docs/spoilers.md).

- ``spoilers.request.get_progress(request) -> Progress`` (``settings.READER_PROGRESS``): the
  reader's progress (cookie, or a staff preview's ``?as_progress=``); ``Progress.has_seen``,
  ``Progress.search_filter`` for search. ``cookie_token(request)``: the page cache's variant.
- ``spoilers.display``: what a reader who is behind may see of an article, a character, a
  timeline event (an episode's own: shows.models); views apply it through
  ``starcity_site.reading.ReaderProgressMixin``.
- Templates: ``{% load spoilers %}{% progress_form %}`` (in base.html),
  ``includes/spoiler_reveal.html`` (with ``item``) and ``includes/spoiler_hidden.html`` (with ``ref``).
"""
