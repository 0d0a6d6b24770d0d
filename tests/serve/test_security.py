"""What a hostile visitor or a hostile article can do to the server: markup from a query,
a title or an article text is shown as text, never run; every page carries a strict
Content-Security-Policy; search syntax we do not read is refused with a hint; no path leaves
the static folders; no id reaches SQL as anything but a parameter (checked on the source of
``store/``, not only by trying)."""

from __future__ import annotations

import ast
import html
import http.client
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from markupsafe import escape

STORE = Path(__file__).resolve().parents[2] / "src" / "tidings" / "store"
HOSTILE_TITLE = '<script>alert("title")</script> Port workers <b>strike</b> in Lima'


@pytest.fixture(scope="session")
def hostile(client) -> dict:
    items = client.get("/api/articles", params={"q": "Callao strike"}).json()["items"]
    found = next(a for a in items if a["title"] == HOSTILE_TITLE)
    return client.get(f"/api/articles/{found['id']}").json()


@pytest.fixture(scope="session")
def hostile_storyline(client, hostile) -> str:
    """The id of the storyline that holds the hostile article's story."""
    story = hostile["story"]["story"]["id"]
    lines = client.get("/api/storylines", params={"limit": 500}).json()["items"]
    return next(s["id"] for s in lines if story in {st["id"] for st in s["stories"]})


def _inert(page: str) -> None:
    """No markup from the store or the request is live on ``page``."""
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<b>strike" not in lowered


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    return body["error"]


# -- markup in what is shown --------------------------------------------------------------------

@pytest.mark.parametrize("q", ["<script>alert(1)</script>", "<script>steal</script>",
                               '"><script>x</script>', "<img src=x onerror=alert(1)>"])
def test_markup_in_a_query_is_shown_as_text(client, q):
    page = client.get("/", params={"q": q})
    assert page.status_code in (200, 400)
    _inert(page.text)
    if page.status_code == 200:  # the words are echoed in the form and the count
        assert str(escape(q)) in page.text
    api = client.get("/api/articles", params={"q": q})
    assert api.status_code in (200, 400)
    assert api.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("path", [
    "/entities?name=<script>x</script>", "/events?actor=<script>x</script>",
    "/stories?entity=<script>x</script>", "/events?type=<script>x</script>",
    "/storylines?entity=<script>x</script>", "/storylines?pair=<script>x</script>",
    "/storylines?kind=<script>x</script>", "/storylines?since=<script>x</script>",
    "/<script>alert(1)</script>", "/articles/<script>alert(1)</script>",
    "/entities/<script>alert(1)</script>", "/stories/<script>alert(1)</script>",
    "/storylines/<script>alert(1)</script>"])
def test_markup_in_a_filter_or_an_address_is_shown_as_text(client, path):
    page = client.get(path)
    assert page.status_code in (200, 400, 404)
    assert page.headers["content-type"].startswith("text/html")
    _inert(page.text)
    assert "&lt;script&gt;" in page.text.lower()  # echoed, escaped


def test_the_hostile_title_and_text_are_escaped_on_every_page_that_shows_them(
        client, hostile, hostile_storyline):
    ident = hostile["id"]
    event = hostile["events"][0]
    entity = next(m["entity_id"] for m in hostile["mentions"] if m.get("entity_id"))
    pages = {
        "article": f"/articles/{ident}",
        "search": "/?q=Callao strike",
        "search by meaning": "/?q=dock workers strike in Peru&mode=semantic",
        "story": f"/stories/{hostile['story']['story']['id']}",
        "stories": "/stories?since=2024-11-20&until=2024-11-20",
        "events": f"/events?type={event['type']}&since=2024-11-20&until=2024-11-20",
        "entity": f"/entities/{quote(entity, safe='')}",
        "storyline": f"/storylines/{hostile_storyline}",
        "storylines": "/storylines?since=2024-11-20&until=2024-11-20",
    }
    for name, path in pages.items():
        page = client.get(path)
        assert page.status_code == 200, (name, page.text[:300])
        _inert(page.text)
        assert "&lt;script&gt;alert(" in page.text, name  # the hostile article is on it
    text = client.get(f"/articles/{ident}").text
    assert "&lt;img src=x onerror=" in text  # its text, marked but still text


def test_the_api_gives_hostile_strings_unchanged_as_json(client, hostile):
    assert hostile["title"] == HOSTILE_TITLE
    assert '<script>alert("body")</script>' in hostile["text"]
    response = client.get(f"/api/articles/{hostile['id']}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"


# -- headers ------------------------------------------------------------------------------------

def _pages(hostile: dict, storyline: str) -> list[str]:
    """Every page the app serves, its ids filled in with the hostile article's."""
    from tidings.serve.pages import router

    ids = {"/articles/{ident}": hostile["id"],
           "/entities/{ident}": next(m["entity_id"] for m in hostile["mentions"]
                                     if m.get("entity_id")),
           "/stories/{ident}": hostile["story"]["story"]["id"],
           "/storylines/{ident}": storyline}
    paths = [r.path.replace("{ident}", quote(ids[r.path], safe="")) if r.path in ids
             else r.path for r in router.routes]
    assert not [p for p in paths if "{" in p], "a new page needs an id here"
    return paths


def test_every_page_carries_a_strict_content_security_policy(client, hostile,
                                                              hostile_storyline):
    extra = ["/?q=port", "/no-such-page", "/articles/ffffffffffffffff", "/?q=NEAR(a",
             "/static/style.css", "/api/status", "/api/nothing", "/openapi.json",
             "/storylines/d-CHN-PER", "/api/storylines", "/storylines/d-AAA-ZZZ"]
    for path in _pages(hostile, hostile_storyline) + extra:
        response = client.get(path)
        assert response.status_code < 500, path
        policy = response.headers["content-security-policy"]
        directives = dict(d.strip().partition(" ")[::2] for d in policy.split(";"))
        assert directives["default-src"] == "'none'", path
        assert "script-src" not in directives, path  # so no script runs at all
        assert "unsafe" not in policy and "*" not in policy, path
        assert directives["frame-ancestors"] == "'none'", path
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        if response.headers["content-type"].startswith("text/html"):
            assert "<script" not in response.text.lower(), path
            assert "style=" not in response.text, path  # no inline style either


def test_the_docs_may_run_only_their_own_scripts(client):
    response = client.get("/docs")
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().partition(" ")[::2] for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-inline'"  # Swagger UI's start-up
    assert directives["connect-src"] == "'self'"
    assert "http" not in policy and "*" not in policy
    asset = client.get("/docs-assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and asset.headers["x-content-type-options"] == "nosniff"


# -- search syntax ------------------------------------------------------------------------------

SYNTAX = ['"', 'port "strike', "NEAR(port strike)", "port NEAR(strike", "*", "port *",
          "*port", "(", "port (strike)", "port)", "AND port", "port AND (strike)", "{port}",
          "a^b", "OR"]


@pytest.mark.parametrize("q", SYNTAX)
@pytest.mark.parametrize("mode", ["text", "semantic", "both"])
def test_search_syntax_we_do_not_read_is_a_400_with_a_hint(client, q, mode):
    error = _error(client.get("/api/articles", params={"q": q, "mode": mode}), 400)
    assert error["code"] == "T700"
    assert "phrase" in error["hint"] and "OR" in error["hint"]


@pytest.mark.parametrize("q", ['"', "NEAR(port", "*", "("])
def test_search_syntax_on_the_search_page_shows_the_error_page_with_the_hint(client, q):
    page = client.get("/", params={"q": q})
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    shown = html.unescape(page.text)
    assert 'write words, "a phrase", word* for a prefix' in shown
    assert "[T700]" in shown


@pytest.mark.parametrize("q", ["port*", '"port workers"', "Boluarte OR Scholz", "-port",
                               "title:port", "port + ship", "C++", "50%", "don't", "_", "\\",
                               "北京", "São Paulo", "port\x00ship", "\x00", "  "])
def test_odd_but_harmless_words_are_searched_not_refused(client, q):
    for mode in ("text", "both"):
        response = client.get("/api/articles", params={"q": q, "mode": mode})
        assert response.status_code == 200, (q, mode, response.text)


def test_like_wildcards_in_ids_and_names_match_only_themselves(client):
    for ident in ("______", "%%%%%%", "%", "4%", "%_%_%_"):
        assert client.get(f"/api/articles/{quote(ident, safe='')}").status_code == 404, ident
    for name in ("%", "_", "%_%"):
        assert client.get("/api/entities", params={"name": name}).json()["items"] == []


# -- paths and ids ------------------------------------------------------------------------------

TRAVERSALS = ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
              "/static/..%2f..%2fetc%2fpasswd", "/docs-assets/../../../etc/passwd",
              "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
              "/static/..%5c..%5capp.py", "/docs-assets/%2e%2e/__init__.py",
              "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/"]


def _raw_get(base: str, path: str) -> tuple[int, str]:
    """GET ``path`` exactly as written: no client tidies its dots or escapes first."""
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.mark.parametrize("path", TRAVERSALS)
def test_no_path_leaves_the_static_folders(live_url, client, path):
    app_source = (STORE.parent / "serve" / "app.py").read_text("utf-8")
    for status, body in (_raw_get(live_url, path),
                         (lambda r: (r.status_code, r.text))(client.get(path))):
        assert status == 404, (path, status)
        assert "root:" not in body and "def create_app" not in body
        assert app_source[:200] not in body


def test_the_static_folder_still_serves_its_own_files(live_url):
    status, body = _raw_get(live_url, "/static/style.css")
    assert status == 200 and body


@pytest.mark.parametrize("ident", ["' OR 1=1--", "'; DROP TABLE articles;--", "\" OR \"\"=\"",
                                   "1 UNION SELECT sql FROM sqlite_master", "a\x00b", "\x00",
                                   "x" * 200, "é" * 100, "../../etc/passwd", "%00", "*"])
@pytest.mark.parametrize("kind", ["articles", "entities", "stories", "storylines"])
def test_a_hostile_id_is_a_404(client, kind, ident):
    for path in (f"/api/{kind}/{quote(ident, safe='')}", f"/{kind}/{quote(ident, safe='')}"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.text[:200])
        if path.startswith("/api"):
            _error(response, 404)


@pytest.mark.parametrize("kind", ["articles", "entities", "stories", "storylines"])
def test_a_very_long_id_is_a_422_that_names_it(client, kind):
    error = _error(client.get(f"/api/{kind}/{'x' * 5000}"), 422)
    assert "ident" in error["message"] and error["hint"]
    assert client.get(f"/{kind}/{'x' * 5000}").status_code == 422


def test_the_store_is_unchanged_by_hostile_requests(client):
    before = client.get("/api/status").json()
    client.get("/api/articles/'; DROP TABLE articles;--")
    client.get("/api/entities", params={"name": "'); DELETE FROM entities;--"})
    assert client.get("/api/status").json() == before


# -- no SQL from user input -----------------------------------------------------------------------

EXECUTE = {"execute", "executemany", "executescript"}
NUMBERS = {"int", "len", "float", "round"}
# Calls whose SQL is not a string built here; each must still exist, and says why it is safe.
EXEMPT = {("sqlite/store.py", "_migrate", "statement"):
          "the statements of the packaged migration files (store/sqlite/migrations)",
          ("postgres/connection.py", "execute", "text"):
          "PostgreSQL's reading of SQL the store modules wrote (checked where they call it)",
          ("postgres/connection.py", "executemany", "text"):
          "PostgreSQL's reading of SQL the store modules wrote (checked where they call it)"}


class SqlCheck:
    """Where the SQL text of each ``execute`` call in some modules comes from.

    SQL is safe when it is built only from string constants, numbers (``int(...)``,
    ``len(...)``), placeholders (``",".join("?" * n)``), module constants, and names whose
    every assignment is safe; a parameter is safe when every call of its (private) function
    passes something safe. Anything else (an attribute such as ``query.lang``, a subscript,
    ``.format``, a public function's parameter) is reported with where it was found.
    """

    def __init__(self, sources: dict[str, str]) -> None:
        self.trees = {name: ast.parse(text) for name, text in sources.items()}
        self.scope: dict[ast.AST, tuple[str, ast.AST | None]] = {}
        self.functions: dict[str, list[tuple[str, ast.FunctionDef]]] = {}
        for module, tree in self.trees.items():
            self._index(module, tree, None)
        self.exempted: set[tuple[str, str, str]] = set()

    def _index(self, module: str, node: ast.AST, function: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            self.scope[child] = (module, function)
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(child.name, []).append((module, child))
                self._index(module, child, child)
            else:
                self._index(module, child, function)

    def problems(self) -> list[str]:
        found = []
        for node, (module, function) in list(self.scope.items()):
            if isinstance(node, ast.Call) and self._is_execute(node, function):
                sql = node.args[0] if node.args else None
                reason = "no SQL argument" if sql is None else self.unsafe(sql, set())
                if reason:
                    found.append(f"{module}:{node.lineno}: {reason}")
        return found

    def _is_execute(self, call: ast.Call, function: ast.AST | None) -> bool:
        func = call.func
        if isinstance(func, ast.Attribute):
            return func.attr in EXECUTE
        if isinstance(func, ast.Name) and function is not None:  # one = conn.execute
            return any(isinstance(v, ast.Attribute) and v.attr in EXECUTE
                       for v in self._values(func.id, function, None))
        return False

    def unsafe(self, node: ast.AST | str, seen: set) -> str | None:
        """None when ``node`` can only hold SQL written here, else why not."""
        if isinstance(node, str):
            return node  # a value that cannot be followed, and why
        if isinstance(node, ast.Constant):
            return None if isinstance(node.value, (str, int, float, type(None))) else "bytes"
        if isinstance(node, ast.JoinedStr):
            return self._first(seen, *(v.value for v in node.values
                                       if isinstance(v, ast.FormattedValue)))
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult, ast.Mod)):
            return self._first(seen, node.left, node.right)
        if isinstance(node, ast.IfExp):
            return self._first(seen, node.body, node.orelse)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return self._first(seen, *node.elts)
        if isinstance(node, ast.Dict):
            return self._first(seen, *node.values)
        if isinstance(node, ast.GeneratorExp | ast.ListComp):
            return self._first(seen, node.elt)
        if isinstance(node, ast.Call):
            return self._call(node, seen)
        if isinstance(node, ast.Name):
            return self._name(node, seen)
        return f"'{ast.unparse(node)}' is not SQL written here"

    def _first(self, seen: set, *nodes: ast.AST | str) -> str | None:
        return next((r for n in nodes if (r := self.unsafe(n, seen))), None)

    def _call(self, call: ast.Call, seen: set) -> str | None:
        func = call.func
        if isinstance(func, ast.Name) and func.id in NUMBERS:
            return None  # a number cannot carry SQL
        if isinstance(func, ast.Attribute) and func.attr == "join":
            return self._first(seen, func.value, *call.args)
        if isinstance(func, ast.Attribute) and func.attr in ("get", "values") and \
                isinstance(func.value, ast.Name):
            return self._first(seen, func.value, *call.args[1:])  # a value of a constant
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in self.functions:  # what our own function returns
            return self._first(seen, *(r.value for _, f in self.functions[name]
                                       for r in ast.walk(f)
                                       if isinstance(r, ast.Return) and r.value))
        return f"'{ast.unparse(call)}' is not SQL written here"

    def _name(self, node: ast.Name, seen: set) -> str | None:
        module, function = self.scope[node]
        key = (module, id(function), node.id)
        if key in seen:
            return None  # already being checked further up: its other sources decide
        seen = seen | {key}
        if function is not None and (exempt := EXEMPT.get((module, function.name, node.id))):
            self.exempted.add((module, function.name, node.id))
            return None if exempt else "exempt"
        values = self._values(node.id, function, module)
        if not values:
            return f"'{node.id}' is not a name assigned in {module}"
        return self._first(seen, *values)

    def _values(self, name: str, function: ast.AST | None, module: str | None
                ) -> list[ast.AST | str]:
        """Every expression ``name`` is given in ``function`` (or at module level)."""
        body = function if function is not None else self.trees[module]
        found: list[ast.AST] = []
        for node in ast.walk(body):
            if self.scope.get(node, (None, function))[1] is not function:
                continue
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    found += self._unpack(name, target, node.value)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)) and node.value and \
                    isinstance(node.target, ast.Name) and node.target.id == name:
                found.append(node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                found += self._unpack(name, node.target, node.iter)
        if function is not None and isinstance(function, ast.FunctionDef):
            found += self._arguments(name, function)
        if not found and function is not None:
            return self._values(name, None, self.scope[function][0])
        return found

    def _unpack(self, name: str, target: ast.AST, value: ast.AST) -> list[ast.AST | str]:
        if isinstance(target, ast.Name):
            return [value] if target.id == name else []
        if isinstance(target, ast.Tuple):
            for index, element in enumerate(target.elts):
                if isinstance(element, ast.Name) and element.id == name:
                    if isinstance(value, ast.Tuple):
                        return [value.elts[index]]
                    if isinstance(value, ast.Call) and isinstance(
                            value.func, (ast.Name, ast.Attribute)):
                        called = getattr(value.func, "id", getattr(value.func, "attr", ""))
                        returns = [r.value for _, f in self.functions.get(called, [])
                                   for r in ast.walk(f) if isinstance(r, ast.Return)]
                        if returns and all(isinstance(r, ast.Tuple) for r in returns):
                            return [r.elts[index] for r in returns]
                    return [f"'{name}' is unpacked from '{ast.unparse(value)}'"]
        return []

    def _arguments(self, name: str, function: ast.FunctionDef) -> list[ast.AST | str]:
        """What the calls of ``function`` pass as its parameter ``name``."""
        params = [a.arg for a in function.args.posonlyargs + function.args.args]
        keyword_only = [a.arg for a in function.args.kwonlyargs]
        if name not in params and name not in keyword_only:
            return []
        if not function.name.startswith("_"):
            return [f"'{name}' is a parameter of the public {function.name}()"]
        method = bool(params) and params[0] == "self"
        defaults = dict(zip(params[::-1], function.args.defaults[::-1], strict=False))
        defaults |= {a.arg: d for a, d in zip(function.args.kwonlyargs,
                                              function.args.kw_defaults, strict=True) if d}
        found: list[ast.AST | str] = []
        calls = [n for n in self.scope if isinstance(n, ast.Call) and getattr(
            n.func, "id", getattr(n.func, "attr", None)) == function.name]
        for call in calls:
            given = dict(zip(params[1:] if method else params, call.args, strict=False))
            given |= {k.arg: k.value for k in call.keywords if k.arg}
            value = given.get(name, defaults.get(name))
            if value is None or any(isinstance(a, ast.Starred) for a in call.args):
                found.append(f"a call of {function.name}() does not show its '{name}'")
            else:
                self.scope.setdefault(value, self.scope[call])
                found.append(value)
        return found or [f"{function.name}() is never called, so its '{name}' is unknown"]


def test_no_module_of_the_store_builds_sql_from_user_input():
    sources = {str(p.relative_to(STORE)): p.read_text("utf-8") for p in STORE.rglob("*.py")}
    check = SqlCheck(sources)
    assert check.problems() == []
    assert check.exempted == set(EXEMPT), "an exemption no call needs any more"


BAD_SQL = {
    "a query field in an f-string": """
def f(conn, query):
    conn.execute(f"SELECT * FROM articles WHERE lang = '{query.lang}'")
""",
    "a field added to a built string": """
def f(conn, query):
    sql = "SELECT * FROM articles WHERE 1 = 1"
    if query.lang:
        sql += " AND lang = '" + query.lang + "'"
    conn.execute(sql, [])
""",
    "a field through a helper's parameter": """
def _where(sql, value):
    return sql + f" AND lang = '{value}'"
def f(conn, query):
    conn.execute(_where("SELECT 1", query.lang))
""",
    "a field through a helper's returned pair": """
def _filters(sql, params, query, prefix=""):
    sql += f" AND {prefix}lang = ?"
    return sql, params
def f(conn, query):
    sql, params = _filters("SELECT 1", [], query, prefix=query.lang)
    conn.execute(sql, params)
""",
    "SQL passed in by a caller": """
def _run(conn, sql):
    return conn.execute(sql)
def f(conn, query):
    _run(conn, "SELECT * FROM t WHERE x = " + query.text)
""",
    "an alias of execute": """
def f(conn, q):
    one = conn.execute
    one("SELECT " + q)
""",
    "str.format": """
def f(conn, q):
    conn.execute("SELECT * FROM t WHERE a = {}".format(q))
""",
    "printf style": """
def f(conn, q):
    conn.execute("SELECT * FROM t WHERE a = '%s'" % q)
""",
    "a public function's parameter": """
def count(conn, table):
    return conn.execute(f"SELECT count(*) FROM {table}")
""",
    "a subscript": """
def f(conn, params):
    conn.execute("SELECT " + params["column"])
""",
}

GOOD_SQL = """
_ARTICLE = "SELECT a.rowid, a.id FROM articles a"
OWNED = {"stories": ("stories", "story_members")}
def _marks(values):
    return ",".join("?" * len(values))
def _filters(sql, params, query, prefix=""):
    if query.lang:
        sql += f" AND {prefix}lang = ?"
        params.append(query.lang)
    return sql, params
def _counts(conn, column, where="1 = 1"):
    return conn.execute(f"SELECT {column}, count(*) FROM articles WHERE {where} GROUP BY 1")
def search(conn, query, rowids, stage, settings):
    columns = "a.rowid, a.id"
    if query.terms:
        sql, params = f"SELECT {columns} FROM articles a WHERE 1 = 1", []
    else:
        sql, params = _ARTICLE + " WHERE 1 = 1", []
    sql, params = _filters(sql, params, query, prefix="a.")
    order = "DESC" if query.newest else "ASC"
    sql += f" ORDER BY a.published {order} LIMIT ?"
    one = conn.execute
    one(sql, [*params, query.limit])
    conn.execute(f"SELECT * FROM articles WHERE rowid IN ({_marks(rowids)})", rowids)
    conn.executemany(f"INSERT INTO t VALUES ({','.join('?' * 3)})", [])
    conn.execute(f"PRAGMA busy_timeout = {int(settings.busy_timeout_ms)}")
    for table in OWNED.get(stage, ()):
        conn.execute(f"DELETE FROM {table}")
    _counts(conn, "lang")
    _counts(conn, "agency", "agency IS NOT NULL")
"""


@pytest.mark.parametrize("source", BAD_SQL.values(), ids=BAD_SQL.keys())
def test_the_sql_check_finds_user_input_in_sql(source):
    assert SqlCheck({"bad.py": source}).problems()


def test_the_sql_check_accepts_the_ways_the_store_builds_sql():
    assert SqlCheck({"good.py": GOOD_SQL}).problems() == []


def test_nothing_outside_the_store_runs_sql():
    source = STORE.parent
    offenders = []
    for path in sorted(source.rglob("*.py")):
        if STORE in path.parents or path.parent.name == "bench":
            continue  # the store; the benchmarks time SQLite itself, on their own files
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in EXECUTE:
                offenders.append(f"{path.relative_to(source)}:{node.lineno}")
    assert offenders == []


def test_the_check_reads_every_module_of_the_store():
    names = {str(p.relative_to(STORE)) for p in STORE.rglob("*.py")}
    assert {"sqlite/store.py", "sqlite/events.py", "sqlite/corpus.py"} <= names
    assert re.search(r"\.execute\(", (STORE / "sqlite" / "store.py").read_text("utf-8"))
