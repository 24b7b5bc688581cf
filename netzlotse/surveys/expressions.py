"""The relevance language of surveys: when a question or page is shown.

A small language of its own, parsed once when a survey is saved and never handed to `eval`:

    ${age} >= 18 and selected(${status}, 'refugee')
    not (${satisfied} = 'no' or count_selected(${topics}) > 2)

Questions are named `${name}` (as in XLSForm) or plainly `name`; values are numbers or quoted text; the
operators are `= != < <= > >=`, `and`, `or`, `not` and parentheses; the functions `selected(q, 'option')` and
`count_selected(q)`. `parse` turns text into a tree of tuples of strings (stored as JSON with the question,
and the tree the browser is to evaluate; numbers keep their digits) or raises ExpressionError with the position
of the mistake; `evaluate` computes it over the answers given so far; `references` names the questions it
depends on (for ordering and cycle checks).

An answer not given is None: every comparison with it is false, `selected` is false and `count_selected` 0,
so a question that depends on an unanswered one stays hidden.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_LENGTH = 1000
MAX_DEPTH = 30
COMPARISONS = ("<=", ">=", "!=", "=", "<", ">")
FUNCTIONS = {"selected": 2, "count_selected": 1}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<ref>\$\{(?P<refname>[A-Za-z_][A-Za-z0-9_]*)\})
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op><=|>=|!=|=|<|>)
  | (?P<paren>[(),])
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
""", re.VERBOSE)


class ExpressionError(ValueError):
    """A condition that cannot be read; the message says where and what (shown at the field)."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class Token:
    kind: str  # ref, number, string, op, paren, word, end
    value: object
    position: int


def tokens(text: str) -> list[Token]:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(_("Die Bedingung ist zu lang (höchstens %(n)d Zeichen).") % {"n": MAX_LENGTH}, 0)
    found, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ExpressionError(_("Unerwartetes Zeichen „%(char)s“ an Stelle %(pos)d.")
                                  % {"char": text[position], "pos": position + 1}, position)
        kind = match.lastgroup if match.lastgroup != "refname" else "ref"
        if kind == "ref":
            found.append(Token("ref", match.group("refname"), position))
        elif kind == "number":
            found.append(Token("number", Decimal(match.group()), position))
        elif kind == "string":
            found.append(Token("string", re.sub(r"\\(.)", r"\1", match.group()[1:-1]), position))
        elif kind != "space":
            found.append(Token(kind, match.group(), position))
        position = match.end()
    found.append(Token("end", None, len(text)))
    return found


class _Parser:
    def __init__(self, text: str, questions=None):
        self.tokens, self.index, self.questions, self.depth = tokens(text), 0, questions, 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, value: str) -> None:
        token = self.take()
        if token.value != value:
            raise ExpressionError(_("An Stelle %(pos)d fehlt „%(what)s“.") % {"pos": token.position + 1,
                                                                              "what": value}, token.position)

    def deeper(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(_("Die Bedingung ist zu tief verschachtelt."), self.current.position)

    def word_is(self, word: str) -> bool:
        return self.current.kind == "word" and self.current.value.lower() == word

    def expression(self):
        self.deeper()
        node = self.conjunction()
        while self.word_is("or"):
            self.take()
            node = ("or", node, self.conjunction())
        self.depth -= 1
        return node

    def conjunction(self):
        node = self.negation()
        while self.word_is("and"):
            self.take()
            node = ("and", node, self.negation())
        return node

    def negation(self):
        if self.word_is("not"):
            self.take()
            self.deeper()
            node = ("not", self.negation())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self):
        left = self.operand()
        if self.current.kind == "op":
            op = self.take().value
            return ("cmp", op, left, self.operand())
        return left

    def operand(self):
        token = self.current
        if token.kind == "paren" and token.value == "(":
            self.take()
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "number":
            self.take()
            return ("number", str(token.value))
        if token.kind == "string":
            self.take()
            return ("text", token.value)
        if token.kind == "ref" or (token.kind == "word" and token.value.lower() not in (*FUNCTIONS, "and", "or",
                                                                                         "not")):
            self.take()
            return ("answer", self.question(token))
        if token.kind == "word" and token.value.lower() in FUNCTIONS:
            return self.call()
        what = _("das Ende") if token.kind == "end" else f"„{token.value}“"
        raise ExpressionError(_("An Stelle %(pos)d steht %(what)s; erwartet wird eine Frage, ein Wert oder "
                                "eine Klammer.") % {"pos": token.position + 1, "what": what}, token.position)

    def question(self, token: Token) -> str:
        if self.questions is not None and token.value not in self.questions:
            raise ExpressionError(_("Die Frage „%(name)s“ gibt es in dieser Umfrage nicht.") % {"name": token.value},
                                  token.position)
        return token.value

    def call(self):
        name = self.take().value.lower()
        self.expect("(")
        token = self.current
        if token.kind not in ("ref", "word"):
            raise ExpressionError(_("%(function)s braucht zuerst eine Frage.") % {"function": name}, token.position)
        question = self.question(self.take())
        if FUNCTIONS[name] == 2:
            self.expect(",")
            option = self.take()
            if option.kind not in ("string", "number", "word"):
                raise ExpressionError(_("selected braucht als zweites eine Antwortoption in Anführungszeichen."),
                                      option.position)
            self.expect(")")
            return ("selected", question, str(option.value))
        self.expect(")")
        return ("count", question)


def parse(text: str, questions=None):
    """The tree of a condition; with `questions` (the names in the survey), every name must be one of them.
    An empty condition is None: always shown."""
    if not (text or "").strip():
        return None
    parser = _Parser(text, questions)
    tree = parser.expression()
    if parser.current.kind != "end":
        raise ExpressionError(_("An Stelle %(pos)d geht die Bedingung unerwartet weiter: „%(what)s“.")
                              % {"pos": parser.current.position + 1, "what": parser.current.value},
                              parser.current.position)
    return tree


def references(tree) -> set[str]:
    """The questions a condition reads."""
    if tree is None:
        return set()
    kind = tree[0]
    if kind == "answer":
        return {tree[1]}
    if kind in ("selected", "count"):
        return {tree[1]}
    if kind in ("number", "text"):
        return set()
    if kind == "cmp":
        return references(tree[2]) | references(tree[3])
    return set().union(*(references(child) for child in tree[1:]))


_NUMBER = re.compile(r"[ \t]*-?[0-9]+(?:\.[0-9]+)?[ \t]*")


def _number(value):
    """A number, or None: ints and decimals as they are, text only in the plain form 12 or -3.5 (the same
    rule the browser applies; no exponents, no NaN)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value)) if value == value and abs(value) != float("inf") else None
    text = str(value)
    return Decimal(text.strip()) if _NUMBER.fullmatch(text) else None


def _compare(op: str, left, right) -> bool:
    if left is None or right is None or isinstance(left, list) or isinstance(right, list):
        return False
    if isinstance(left, bool) or isinstance(right, bool):  # a condition compared: only its truth
        return op in ("=", "!=") and isinstance(left, bool) and isinstance(right, bool) and (
            (left == right) == (op == "="))
    a, b = _number(left), _number(right)
    if a is None or b is None:  # text compares as text, and only for (in)equality
        a, b = str(left), str(right)
        if op not in ("=", "!="):
            return False
    return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _value(tree, answers):
    kind = tree[0]
    if kind == "number":
        return Decimal(tree[1])
    if kind == "text":
        return tree[1]
    if kind == "answer":
        given = answers.get(tree[1])
        return None if isinstance(given, bool) else given  # answers are text, numbers or lists, never flags
    if kind == "count":
        given = answers.get(tree[1])
        return Decimal(len(given)) if isinstance(given, list) else Decimal(0)
    return evaluate(tree, answers)


def evaluate(tree, answers: dict) -> bool:
    """Whether the condition holds for the answers (question name → value, a list for multiple choice). The
    tree may come back from JSON as lists; it is read the same."""
    if tree is None:
        return True
    kind = tree[0]
    if kind == "or":
        return evaluate(tree[1], answers) or evaluate(tree[2], answers)
    if kind == "and":
        return evaluate(tree[1], answers) and evaluate(tree[2], answers)
    if kind == "not":
        return not evaluate(tree[1], answers)
    if kind == "cmp":
        return _compare(tree[1], _value(tree[2], answers), _value(tree[3], answers))
    if kind == "selected":
        given = answers.get(tree[1])
        if isinstance(given, bool):
            return False
        return tree[2] in given if isinstance(given, list) else given is not None and str(given) == tree[2]
    if kind == "count":
        return _value(tree, answers) > 0
    value = _value(tree, answers)  # a question or value on its own: answered / not empty
    return value not in (None, "", [])


def to_text(tree) -> str:
    """The condition written back in the language (the same tree when parsed again)."""
    if tree is None:
        return ""
    kind = tree[0]
    if kind in ("or", "and"):
        return f"({to_text(tree[1])} {kind} {to_text(tree[2])})"
    if kind == "not":
        return f"not {to_text(tree[1])}"
    if kind == "cmp":
        return f"{to_text(tree[2])} {tree[1]} {to_text(tree[3])}"
    if kind == "selected":
        return f"selected(${{{tree[1]}}}, {_quoted(tree[2])})"
    if kind == "count":
        return f"count_selected(${{{tree[1]}}})"
    if kind == "answer":
        return f"${{{tree[1]}}}"
    return tree[1] if kind == "number" else _quoted(tree[1])


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
