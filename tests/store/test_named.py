"""Named query files: headers, parameters, the shipped set, and the label allowlist (no server)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphmon.errors import QueryError
from graphmon.store import load_queries, parse_query
from graphmon.store.labels import OBJECT_LABELS
from graphmon.store.named import shipped_queries_dir
from graphmon.store.statements import statement, statements

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_queries_are_the_repository_folder() -> None:
    shipped = load_queries()
    assert {path.stem for path in (ROOT / "queries").glob("*.cypher")} == set(shipped)
    assert shipped_queries_dir().resolve() == (ROOT / "queries").resolve()
    for query in shipped.values():
        assert query.summary.endswith(".") and query.params, query.name
        used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", query.text.split("\n", len(query.params) + 5)[-1]))
        body_params = set(re.findall(r"\$([A-Za-z_]\w*)", "\n".join(
            line for line in query.text.splitlines() if not line.startswith("//"))))
        assert body_params == {p.name for p in query.params}, query.name
        assert used <= body_params


def test_header_parsing(tmp_path: Path) -> None:
    path = tmp_path / "top_objects.cypher"
    path.write_text("// The most shared objects. Counted over all posts.\n// param: limit int 10\n"
                    "// param: object_type string null\n// param: min_share float 0.5\n// param: named bool true\n"
                    "MATCH (o:Object) RETURN o LIMIT $limit\n")
    query = parse_query(path)
    assert query.name == "top_objects" and query.summary == "The most shared objects."
    assert [p.describe() for p in query.params] == [
        "limit int = 10", "object_type string = null", "min_share float = 0.5", "named bool = True"]
    assert query.bind({}) == {"limit": 10, "object_type": None, "min_share": 0.5, "named": True}
    assert query.bind({"limit": "3", "object_type": "url", "min_share": "1e-3", "named": "no"}) == {
        "limit": 3, "object_type": "url", "min_share": 0.001, "named": False}


@pytest.mark.parametrize(("values", "message"), [
    ({"limit": "3.5"}, "parameter limit must be an int, got '3.5'"),
    ({"limit": True}, "parameter limit must be an int"),
    ({"limit": "99999999999999999999"}, "parameter limit must be an int, got '99999999999999999999'"),
    ({"min_share": "nan"}, "parameter min_share must be a float"),
    ({"named": "maybe"}, "parameter named must be a bool"),
    ({"limt": "3"}, "unknown parameter limt; it takes limit int = 10"),
])
def test_bad_values(tmp_path: Path, values: dict[str, object], message: str) -> None:
    path = tmp_path / "q.cypher"
    path.write_text("// Q.\n// param: limit int 10\n// param: min_share float 0.5\n// param: named bool true\n"
                    "RETURN $limit, $min_share, $named\n")
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_query(path).bind(values)


@pytest.mark.parametrize(("text", "message"), [
    ("MATCH (n) RETURN n\n", "no header"),
    ("// Q.\n// param: limit integer 10\nRETURN 1\n", "bad parameter line"),
    ("// Q.\n// param: limit int ten\nRETURN 1\n", "parameter limit must be an int"),
    ("// Only a header.\n", "has a header but no query"),
])
def test_bad_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(text)
    with pytest.raises(QueryError, match=message):
        parse_query(path)


def test_extra_folder_adds_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "runs.cypher").write_text("// My runs.\n// param: limit int 5\nMATCH (r:Run) RETURN r LIMIT $limit\n")
    (tmp_path / "mine.cypher").write_text("// Mine.\nRETURN 1 AS one\n")
    queries = load_queries([tmp_path])
    assert queries["runs"].summary == "My runs." and "mine" in queries and "clusters" in queries
    with pytest.raises(QueryError, match="no such folder of queries"):
        load_queries([tmp_path / "missing"])


def test_label_allowlist_matches_the_load_statement() -> None:
    text = statement("load_objects")
    set_labels = set(re.findall(r"SET o:(\w+)\)", text))
    assert set_labels == set(OBJECT_LABELS.values())
    for label in set_labels:
        assert f"WHEN label = '{label}' THEN [1] ELSE [] END | SET o:{label})" in text


def test_schema_statements_split() -> None:
    schema = statements("schema")
    assert len(schema) == 8 and all(s.startswith("CREATE ") and not s.endswith(";") for s in schema)
