"""The news site the live tests fetch from: feeds in RSS and Atom, pages in five languages,
robots.txt, and each way a site misbehaves (a 503 with Retry-After, a slow feed, a redirect
chain, an HTML error page served with 200, invalid XML, a server error)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tidings.live.localsite import Answer, LocalSite, Request


@dataclass(frozen=True, slots=True)
class Story:
    path: str
    lang: str
    title: str
    body: str
    date: str | None = "2026-11-30T09:00:00+00:00"


STORIES = [
    Story("/en/port-strike", "en", "Dock workers strike in Rotterdam",
          "Dock workers at the port of Rotterdam walked out on Monday over pay, halting "
          "container traffic. The union said the strike would last three days. Shipping "
          "companies warned of delays across northern Europe."),
    Story("/en/rate-decision", "en", "Central bank holds rates",
          "The European Central Bank kept its main interest rate unchanged on Thursday. "
          "Its president said inflation was falling but wages were still rising quickly. "
          "Markets had expected the decision."),
    Story("/es/incendio", "es", "Un incendio obliga a evacuar tres pueblos en Valencia",
          "Un incendio forestal obligó el martes a evacuar a unos dos mil vecinos de tres "
          "pueblos de Valencia. Los bomberos trabajaron toda la noche y el gobierno regional "
          "pidió ayuda a la Unidad Militar de Emergencias."),
    Story("/es/elecciones", "es", "Chile celebra elecciones municipales",
          "Los chilenos votaron el domingo en unas elecciones municipales marcadas por la "
          "seguridad. La participación superó el ochenta por ciento, según el Servicio "
          "Electoral, que publicará los resultados el lunes."),
    Story("/de/bahn", "de", "Bahn kündigt neue Fahrpläne an",
          "Die Deutsche Bahn hat am Mittwoch in Berlin neue Fahrpläne für den Winter "
          "vorgestellt. Zwischen Hamburg und München sollen mehr Züge fahren. Der "
          "Fahrgastverband begrüßte die Pläne, kritisierte aber die Preise."),
    Story("/fr/greve", "fr", "Grève des contrôleurs aériens à Paris",
          "Les contrôleurs aériens ont fait grève jeudi à Paris, provoquant l'annulation de "
          "centaines de vols à Roissy et Orly. Le ministre des Transports a appelé les "
          "syndicats à reprendre le dialogue."),
    Story("/zh/xinwen", "zh", "上海举行国际进口博览会",
          "第七届中国国际进口博览会星期二在上海开幕。来自一百多个国家和地区的企业参展。"
          "商务部表示，展会将持续六天，预计成交额将超过去年。"),
    Story("/private/memo", "en", "Internal memo", "This page is disallowed by robots.txt and "
          "must never be fetched by a polite crawler."),
    Story("/en/late-news", "en", "Flood warning in Bangladesh",
          "Authorities in Bangladesh issued a flood warning on Friday as heavy monsoon rains "
          "swelled rivers in the north. Thousands of families were moved to shelters."),
]
BY_PATH = {s.path: s for s in STORIES}


def page_html(story: Story, canonical: str | None = None) -> str:
    date = (f'<meta property="article:published_time" content="{story.date}">'
            if story.date else "")
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!doctype html><html lang="{story.lang}"><head><meta charset="utf-8">'
            f"<title>{escape(story.title)}</title>{date}{link}</head><body><nav>Home</nav>"
            f"<article><h1>{escape(story.title)}</h1><p>{escape(story.body)}</p></article>"
            "<footer>© Example News</footer></body></html>")


def rss(title: str, links: list[tuple[str, str]], *, lang: str = "en") -> str:
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        "<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>"
        f"<description>{escape(t)}</description></item>" for t, link in links)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>http://example.org/</link>"
            f"<language>{lang}</language>{items}</channel></rss>")


def atom(title: str, links: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>2026-11-30T08:00:00Z</updated></entry>"
        for t, link in links)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:x</id>"
            f"<updated>2026-11-30T08:00:00Z</updated>{entries}</feed>")


RSS = "application/rss+xml; charset=utf-8"


class NewsSite(LocalSite):
    """The site of the live tests; ``grow()`` adds an item to /grow/rss.xml."""

    def __init__(self, *, slow_s: float = 3.0) -> None:
        super().__init__()
        self.slow_s = slow_s
        self._busy_tries = 0
        self._grow_links: list[tuple[str, str]] = []
        self._lock2 = threading.Lock()

    def start(self) -> NewsSite:
        super().start()
        self.build()
        return self

    def link(self, path: str, query: str = "") -> tuple[str, str]:
        return (BY_PATH[path].title, self.url(path) + query)

    def build(self) -> None:
        self.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        for story in STORIES:
            self.page(story.path, page_html(story, self.url(story.path)), etag=True)
        # the same article as /en/port-strike under a tracking link and an AMP copy
        self.page("/amp/port-strike", page_html(BY_PATH["/en/port-strike"],
                                                self.url("/en/port-strike")))
        self.page("/en/rss.xml", rss("World", [
            self.link("/en/port-strike", "?utm_source=rss&utm_medium=feed"),
            self.link("/en/rate-decision"), self.link("/private/memo")]), RSS, etag=True)
        self.page("/es/atom.xml", atom("Noticias", [
            self.link("/es/incendio"), self.link("/es/elecciones")]),
            "application/atom+xml", etag=True)
        self.page("/de/rss.xml", rss("Nachrichten", [self.link("/de/bahn")], lang="de"), RSS,
                  last_modified=1_764_000_000)
        # the French feed lists the port strike too (as its AMP copy): stored once
        self.page("/fr/rss.xml", rss("Actualités", [
            self.link("/fr/greve"), ("Port", self.url("/amp/port-strike"))], lang="fr"),
            RSS, etag=True)
        # the Chinese item reaches its page through two redirects
        self.redirect("/go/xinwen", "/go2/xinwen", 302)
        self.redirect("/go2/xinwen", self.url("/zh/xinwen"), 301)
        self.page("/zh/rss.xml", rss("新闻", [("上海", self.url("/go/xinwen"))], lang="zh"),
                  RSS, etag=True)
        self.handler("/busy/rss.xml", self._busy)
        self.handler("/slow/rss.xml", self._slow)
        self.page("/error/rss.xml", "<html><body><h1>Sorry</h1><p>Our feed is down for "
                  "maintenance, please come back later.</p></body></html>")
        self.page("/bad/rss.xml", '<?xml version="1.0"?><rss version="2.0"><channel><<title>'
                  "broken & wrong</chanel>", RSS)
        self.page("/down/rss.xml", "oops", "text/plain", status=500)
        self._grow_links = [self.link("/en/rate-decision")]
        self._publish_grow()

    def _publish_grow(self) -> None:
        self.page("/grow/rss.xml", rss("Growing", list(self._grow_links)), RSS, etag=True)

    def grow(self) -> None:
        """The growing feed gains an item (a new story)."""
        self._grow_links.append(self.link("/en/late-news"))
        self._publish_grow()

    def _busy(self, request: Request) -> Answer:
        with self._lock2:
            self._busy_tries += 1
            first = self._busy_tries % 2 == 1
        if first:
            return Answer(503, b"busy", {"Retry-After": "1", "Content-Type": "text/plain"})
        return Answer(200, rss("Busy", [self.link("/es/elecciones")]).encode(), {
            "Content-Type": RSS})

    def _slow(self, request: Request) -> Answer:
        time.sleep(self.slow_s)
        return Answer(200, rss("Slow", [self.link("/en/late-news")]).encode(),
                      {"Content-Type": RSS})


FEEDS = ["/en/rss.xml", "/es/atom.xml", "/de/rss.xml", "/fr/rss.xml", "/zh/rss.xml",
         "/busy/rss.xml", "/slow/rss.xml", "/error/rss.xml", "/bad/rss.xml", "/down/rss.xml",
         "/grow/rss.xml"]
