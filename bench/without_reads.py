"""Benchmark only: the article and person pages with their database reads done once per worker.

``bench/run.py --mode bound`` installs this in each gunicorn worker (post_fork). The views'
reads (``get_object`` with its prefetches, the article's neighbours and related stories, the
person's news, the reader's episode index) run on a URL's first request and are reused by every
later one, so what is left of a request is what no change to the queries can remove: gunicorn,
the middleware, spoiler masking, the SEO context and the templates. The page's throughput then is the most any ORM
work, SQL or index could buy it: an upper bound, not a way to serve the site. The pages are
byte-for-byte those of the normal server (``tests/site/test_bench_bound.py``).

Never imported by the site itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps

from django.views.generic.detail import SingleObjectMixin

PAGES = ("article", "person")


def install() -> Callable[[], None]:
    """Patch the views in this process; returns what puts them back (for tests)."""
    from news.views import ArticleDetailView
    from people.views import PersonDetailView

    memo: dict[tuple, object] = {}
    lock = threading.Lock()
    originals: list[tuple[type, str, object]] = []

    def reuse(owner: type, name: str) -> None:
        original = owner.__dict__[name]
        originals.append((owner, name, original))

        @wraps(original)
        def once_per_url(self, *args, **kwargs):
            key = (owner.__qualname__, name, self.request.get_full_path())
            if key not in memo:
                value = original(self, *args, **kwargs)
                with lock:
                    memo.setdefault(key, value)
            return memo[key]

        setattr(owner, name, once_per_url)

    reuse(SingleObjectMixin, "get_object")
    reuse(ArticleDetailView, "around")
    reuse(PersonDetailView, "news_about")

    # The reader's episode index (spoilers.progress), read once per request on the site.
    import spoilers.progress

    index_once = spoilers.progress.__dict__["load_index"]
    originals.append((spoilers.progress, "load_index", index_once))
    first_index = []

    def load_index_once():
        if not first_index:
            with lock:
                first_index.append(index_once())
        return first_index[0]

    spoilers.progress.load_index = load_index_once

    def undo() -> None:
        for owner, name, original in originals:
            setattr(owner, name, original)

    return undo
