"""The FEEL and JUEL translator: what it writes for each construct, what it refuses, and, over
generated conditions, that the translation means what Camunda means by the original."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from engine.flows.condition_documents import translate_conditions
from engine.flows.conditions import FEEL, JUEL, Unsupported, translate
from engine.flows.sandbox import policy


@pytest.mark.parametrize(
    ("text", "dialect", "python"),
    [
        ("approved", JUEL, "approved"),
        ("!approved", JUEL, "(not approved)"),
        ("not approved", JUEL, "(not approved)"),
        ("not(approved)", FEEL, "approved is False"),
        ("not(not(approved))", FEEL, "approved"),
        ("not(a > 1 and b = null)", FEEL, "(a is not None and a <= 1) or (b is not None)"),
        ("not(true)", FEEL, "False"),
        ("!(a > 1 && b)", JUEL, "(not ((a is not None and a > 1) and b))"),
        ("a == 1", JUEL, "a == 1"),
        ("a eq 'x'", JUEL, "a == 'x'"),
        ('a = "x"', FEEL, "a == 'x'"),
        ("a ne 2", JUEL, "a != 2"),
        ("a != 2", FEEL, "a != 2"),
        ("a lt 2", JUEL, "(a is not None and a < 2)"),
        ("a le 2", JUEL, "(a is not None and a <= 2)"),
        ("a gt 2", JUEL, "(a is not None and a > 2)"),
        ("a ge 2", JUEL, "(a is not None and a >= 2)"),
        ("2 < a", FEEL, "(a is not None and 2 < a)"),
        ("a < b", FEEL, "(a is not None and b is not None and a < b)"),
        ("a >= -3", JUEL, "(a is not None and a >= -3)"),
        ("a > 1.25", FEEL, "(a is not None and a > Decimal('1.25'))"),
        ("a > .5", FEEL, "(a is not None and a > Decimal('0.5'))"),
        ("a == null", JUEL, "a is None"),
        ("null != a", FEEL, "a is not None"),
        ("a = true", FEEL, "a == True"),
        ("a && b || c", JUEL, "(a and b) or c"),
        ("a and (b or c)", FEEL, "a and (b or c)"),
        ("!a == b", JUEL, "(not a) == b"),
        ("'it\\'s' == s", JUEL, '"it\'s" == s'),
        ('"a\\"b\\\\c" = s', FEEL, "'a\"b\\\\c' == s"),
        ('"caf\\u00e9\\n" = s', FEEL, "'café\\n' == s"),
        ("  status == 'OPEN'  ", JUEL, "status == 'OPEN'"),
    ],
)
def test_each_construct_is_written_as_loom_s_python(text, dialect, python):
    assert translate(text, dialect) == python
    assert policy.check(python, "eval") == []


@pytest.mark.parametrize(
    ("text", "dialect", "part"),
    [
        ("date(x) > y", FEEL, "date("),
        ("count(items) > 2", FEEL, "count("),
        ("x in [1, 2]", FEEL, "in"),
        ("x between 1 and 5", FEEL, "between"),
        ("[1, 2]", FEEL, "["),
        ("x = 1..5", FEEL, ".."),
        ("if a then b else c", FEEL, "if"),
        ("some x in xs satisfies x > 1", FEEL, "some"),
        ("a + 1 > 2", JUEL, "+"),
        ("a * 2 > 2", FEEL, "*"),
        ("a.b > 1", JUEL, "a.b"),
        ("order.total > 1", FEEL, "order.total"),
        ("empty list", JUEL, "empty"),
        ("a div 2 > 1", JUEL, "div"),
        ("a < b < c", JUEL, "<"),
        ("a ? b : c", JUEL, "?"),
        ("a} && ${b", JUEL, "}"),
        ("a && b", FEEL, "&&"),
        ("!a", FEEL, "!"),
        ("not a", FEEL, "not"),
        ("a == 1", FEEL, "=="),
        ("a = 1", JUEL, "="),
        ("'x' = a", FEEL, "'"),
        ("class == 1", JUEL, "class"),
        ("_secret = 1", FEEL, "_secret"),
        ("True == a", JUEL, "True"),
        ("a == 1e5", JUEL, "e5"),
        ("'\\q' == a", JUEL, "\\q"),
        ("-a > 1", JUEL, "-"),
        ("(a or b", FEEL, "("),
        ("", FEEL, "(empty)"),
        ("a and", FEEL, "(end)"),
    ],
)
def test_what_is_not_simple_is_refused_naming_the_part(text, dialect, part):
    with pytest.raises(Unsupported) as refused:
        translate(text, dialect)
    assert refused.value.part == part


# Conditions generated as a tree, written in both languages, and evaluated three ways: by the
# languages' rules (here), and as the Python each translation gives.
NAMES = {"n": st.one_of(st.none(), st.integers(-5, 5)), "s": st.one_of(st.none(), st.sampled_from(["A", "B"]))}
BOOLEANS = ("b", "c")


def literal_number():
    return st.integers(-5, 5).map(lambda v: ("number", v))


comparison = st.one_of(
    st.tuples(st.just("cmp"), st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), st.just(("name", "n")),
              literal_number()),
    st.tuples(st.just("cmp"), st.sampled_from(["==", "!="]), st.just(("name", "s")),
              st.sampled_from(["A", "B"]).map(lambda v: ("string", v))),
    st.tuples(st.just("cmp"), st.sampled_from(["==", "!="]), st.just(("name", "n")), st.just(("null", None))),
    st.sampled_from(BOOLEANS).map(lambda name: ("name", name)),
    st.booleans().map(lambda v: ("bool", v)),
)  # fmt: skip
conditions = st.recursive(
    comparison,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
        st.tuples(st.just("not"), inner),
    ),
    max_leaves=8,
)
bindings = st.fixed_dictionaries(
    {"n": NAMES["n"], "s": NAMES["s"], "b": st.one_of(st.none(), st.booleans()), "c": st.booleans()}
)
JUEL_WORDS = {"==": ["==", "eq"], "!=": ["!=", "ne"], "<": ["<", "lt"], "<=": ["<=", "le"], ">": [">", "gt"],
              ">=": [">=", "ge"]}  # fmt: skip


def write(node, dialect, variant=0):
    kind = node[0]
    if kind == "name":
        return node[1]
    if kind == "number":
        return str(node[1])
    if kind == "string":
        return f'"{node[1]}"'
    if kind == "null":
        return "null"
    if kind == "bool":
        return "true" if node[1] else "false"
    if kind == "cmp":
        _, op, left, right = node
        word = ("=" if op == "==" else op) if dialect is FEEL else JUEL_WORDS[op][variant % 2]
        return f"{write(left, dialect)} {word} {write(right, dialect)}"
    if kind == "not":
        inner = write(node[1], dialect, variant)
        return f"not({inner})" if dialect is FEEL else ("!" if variant % 2 else "not ") + f"({inner})"
    words = {"and": ("and", "&&"), "or": ("or", "||")}[kind]
    word = words[variant % 2] if dialect is JUEL else words[0]
    return f"({write(node[1], dialect, variant + 1)}) {word} ({write(node[2], dialect, variant)})"


def juel_meaning(node, values):
    """What JUEL says the condition is: null counts as false, ``<`` and the like on null are false."""
    kind = node[0]
    if kind in ("name", "number", "string", "null", "bool"):
        return values[node[1]] if kind == "name" else node[1]
    if kind == "cmp":
        return compare(node, values, juel_meaning)
    if kind == "not":
        return not juel_meaning(node[1], values)
    a, b = bool(juel_meaning(node[1], values)), bool(juel_meaning(node[2], values))
    return (a and b) if kind == "and" else (a or b)


def feel_meaning(node, values):
    """What FEEL says the condition is, with its three values: true, false and null."""
    kind = node[0]
    if kind in ("name", "number", "string", "null", "bool"):
        return values[node[1]] if kind == "name" else node[1]
    if kind == "cmp":
        result = compare(node, values, feel_meaning)
        return None if result is False and node[1] not in ("==", "!=") and None in operands(node, values) else result
    if kind == "not":
        inner = feel_meaning(node[1], values)
        return None if inner is None else not inner
    a, b = feel_meaning(node[1], values), feel_meaning(node[2], values)
    if kind == "and":
        return False if False in (a, b) else None if None in (a, b) else True
    return True if True in (a, b) else None if None in (a, b) else False


def operands(node, values):
    return [values[side[1]] if side[0] == "name" else side[1] for side in node[2:]]


def compare(node, values, meaning):
    _, op, left, right = node
    a, b = meaning(left, values), meaning(right, values)
    if op in ("==", "!="):
        return (a == b) == (op == "==")
    if a is None or b is None:
        return False
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


@settings(max_examples=300, deadline=None)
@given(conditions, bindings, st.integers(0, 1))
def test_a_translated_condition_decides_as_camunda_would(node, values, variant):
    juel = translate(write(node, JUEL, variant), JUEL)
    feel = translate(write(node, FEEL), FEEL)
    assert policy.check(juel, "eval") == [] and policy.check(feel, "eval") == []
    scope = {"Decimal": Decimal, **values}
    # A gateway takes a flow when its condition is true: JUEL's null and FEEL's null are not.
    assert bool(eval(juel, {"__builtins__": {}}, scope)) is bool(juel_meaning(node, values))
    assert bool(eval(feel, {"__builtins__": {}}, scope)) is (feel_meaning(node, values) is True)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="abn_ ()<>!=&|'\"0123456789.", max_size=30).filter(
        lambda t: not t.lstrip().startswith(("=", "${", "#{"))
    )
)
def test_loom_s_own_conditions_are_never_touched(text):
    document, condition = one_condition(text)
    assert translate_conditions(document) == []
    assert condition.text == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_translated_or_refused_never_crashes(text):
    for dialect in (FEEL, JUEL):
        try:
            python = translate(text, dialect)
        except Unsupported as refused:
            assert refused.part
        else:
            assert policy.check(python, "eval") == []


def one_condition(text, language=None, declared=None):
    language_attribute = f' language="{language}"' if language else ""
    declared_attribute = f' expressionLanguage="{declared}"' if declared else ""
    xml = (
        f'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"{declared_attribute}><process id="p">'
        f'<sequenceFlow id="f"><conditionExpression{language_attribute}/></sequenceFlow></process></definitions>'
    )
    document = etree.fromstring(xml.encode())
    condition = next(document.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}conditionExpression"))
    condition.text = text
    return document, condition


@pytest.mark.parametrize(
    ("text", "language", "declared", "after", "code"),
    [
        ("amount > 1", None, None, "amount > 1", None),
        ("amount > 1", "http://www.w3.org/1999/XPath", None, "amount > 1", None),  # BPMN's default, written by habit
        ("amount > 1", "python", None, "amount > 1", None),
        ("=amount > 1", None, None, "(amount is not None and amount > 1)", None),
        ("amount > 1", "feel", None, "(amount is not None and amount > 1)", None),
        ("=amount > 1", "http://www.omg.org/spec/FEEL/20140401", None, "(amount is not None and amount > 1)", None),
        ("amount > 1", None, "http://www.omg.org/spec/FEEL/20140401", "(amount is not None and amount > 1)", None),
        ("${amount > 1}", None, None, "(amount is not None and amount > 1)", None),
        ("#{amount > 1}", "juel", None, "(amount is not None and amount > 1)", None),
        ("amount > 1", "juel", None, "False", "flow.condition.unsupported"),  # JUEL text outside ${} is a string
        ("${a} and ${b}", None, None, "False", "flow.condition.unsupported"),
        ("return true;", "http://www.java.com/java", None, "False", "flow.condition.language"),
        ("x > 1", "javascript", None, "False", "flow.condition.language"),
        ("   ", "javascript", None, "   ", None),  # no condition at all: nothing to translate
    ],
)
def test_the_language_decides_which_conditions_are_translated(text, language, declared, after, code):
    document, condition = one_condition(text, language, declared)
    found = translate_conditions(document)
    assert condition.text == after
    assert [(f.code, f.element) for f in found] == ([(code, "f")] if code else [])


@pytest.mark.parametrize(
    ("text", "dialect"),
    [
        ("!" * 5000 + "a", JUEL),
        ("(" * 5000 + "a" + ")" * 5000, JUEL),
        ("not(" * 3000 + "a" + ")" * 3000, FEEL),
    ],
    ids=["juel-nots", "juel-parentheses", "feel-nots"],
)
def test_deeply_nested_text_is_refused_not_recursed_into(text, dialect):
    with pytest.raises(Unsupported) as refused:
        translate(text, dialect)
    assert "nested" in refused.value.part
    assert translate("!" * 10 + "a", JUEL)  # a few nots are fine
