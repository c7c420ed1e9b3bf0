"""Readable Unicode text for LaTeX formulas (screen readers, PDF alt text): a small table-driven converter."""

import functools
import re

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "sum": "Σ", "prod": "Π", "int": "∫", "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "in": "∈", "notin": "∉",
    "leftarrow": "←", "gets": "←", "rightarrow": "→", "to": "→", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "leftrightarrow": "↔", "mapsto": "↦", "infty": "∞", "ldots": "…",
    "cdots": "⋯", "dots": "…", "forall": "∀", "exists": "∃", "mid": "|", "prime": "′",
    "quad": " ", "qquad": " ", "lvert": "|", "rvert": "|",
}
# Prefix operators read as one word with what follows (∇L, ∂W), as the lesson's plain text writes them.
_PREFIXES = {"nabla": "∇", "partial": "∂", "neg": "¬", "lnot": "¬"}
_FUNCTIONS = {"max", "min", "exp", "log", "ln", "sin", "cos", "tan", "tanh", "arg", "lim",
              "sup", "inf", "det", "sgn", "argmax", "argmin"}
_IGNORED = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
            "displaystyle", "textstyle", "limits", "nolimits"}
_TEXT_GROUPS = {"text", "textrm", "textit", "textbf", "mbox"}
_STYLE_GROUPS = {"mathrm", "mathbf", "mathit", "mathcal", "mathbb", "mathsf", "boldsymbol",
                 "bm", "operatorname"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
            "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "vec": "\u20d7"}
_FRACTIONS = {"frac", "dfrac", "tfrac"}
_CHARACTERS = {"-": "−", "&": "", "~": " ", "\\\\": "; ", "\\,": " ", "\\ ": " ", "\\;": " ",
               "\\:": " ", "\\!": "", "\\{": "{", "\\}": "}", "\\_": "_", "\\%": "%",
               "\\#": "#", "\\&": "&", "\\$": "$", "\\|": "‖"}
_SUPERSCRIPTABLE = "0123456789+−=()niT"
_SUPERSCRIPTS = str.maketrans(_SUPERSCRIPTABLE, "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ")
_TOKEN = re.compile(r"\\[A-Za-z]+\s*|\\.|\s+|.", re.S)


@functools.lru_cache(maxsize=2048)
def latex_to_text(latex: str) -> str:
    """Return a readable Unicode text equivalent of a LaTeX formula, for screen readers."""
    text, _ = _convert(_TOKEN.findall(latex), 0)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+;", ";", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+([)\]])", r"\1", text)
    return text.strip().rstrip(";").strip()


def _convert(tokens, index, stop=None):
    """Convert tokens from index up to the closing `stop` token; return (text, next index)."""
    pieces = []
    while index < len(tokens):
        token = tokens[index]
        if token == stop:
            return "".join(pieces), index + 1
        if token == "{":
            piece, index = _convert(tokens, index + 1, "}")
        elif token in ("_", "^"):
            argument, index = _argument(tokens, index + 1)
            piece = _script(token, argument.strip())
        elif _is_command(token):
            piece, index = _command(tokens, index)
        else:
            piece, index = _CHARACTERS.get(token, " " if token.isspace() else token), index + 1
        pieces.append(piece)
    return "".join(pieces), index


def _is_command(token):
    """Whether the token is a control word such as \\sum."""
    return token.startswith("\\") and token[1:].strip().isalpha()


def _argument(tokens, index):
    """Convert one macro argument: a {group} or a single token; return (text, next index)."""
    while index < len(tokens) and tokens[index].isspace():
        index += 1
    if index >= len(tokens):
        return "", index
    if tokens[index] == "{":
        return _convert(tokens, index + 1, "}")
    if _is_command(tokens[index]):
        return _command(tokens, index)
    return _CHARACTERS.get(tokens[index], tokens[index]), index + 1


def _raw_group(tokens, index):
    """Return the verbatim text of a {group} (for \\text) and the next index."""
    while index < len(tokens) and tokens[index].isspace():
        index += 1
    if index >= len(tokens) or tokens[index] != "{":
        return _argument(tokens, index)
    depth, end = 1, index + 1
    while end < len(tokens) and depth:
        depth += {"{": 1, "}": -1}.get(tokens[end], 0)
        end += 1
    return "".join(tokens[index + 1:end - 1]), end


def _command(tokens, index):
    """Convert the control word at index (with its arguments); return (text, next index)."""
    token = tokens[index]
    name, space = token[1:].rstrip(), " " if token[-1].isspace() else ""
    index += 1
    if name in _SYMBOLS:
        return _SYMBOLS[name] + space, index
    if name in _PREFIXES:
        return _PREFIXES[name], index
    if name in _FUNCTIONS:
        return name + space, index
    if name in _IGNORED:
        # \left. and \right. are invisible delimiters.
        skip = name in ("left", "right") and index < len(tokens) and tokens[index] == "."
        return "", index + skip
    if name in ("begin", "end"):
        return "", _raw_group(tokens, index)[1]
    if name in _TEXT_GROUPS:
        return _raw_group(tokens, index)
    if name in _STYLE_GROUPS:
        return _argument(tokens, index)
    if name in _FRACTIONS:
        numerator, index = _argument(tokens, index)
        denominator, index = _argument(tokens, index)
        return f"{_grouped(numerator)} / {_grouped(denominator)}", index
    if name == "sqrt":
        radicand, index = _argument(tokens, index)
        return "√" + _grouped(radicand), index
    if name in _ACCENTS:
        base, index = _argument(tokens, index)
        base = base.strip()
        return (base + _ACCENTS[name] if len(base) == 1 else f"{name}({base})"), index
    return name + space, index


def _script(marker, argument):
    """Write a sub- or superscript as the lesson's plain text does: s_j, Σ_{j ≠ y}, W²."""
    if marker == "^" and argument and set(argument) <= set(_SUPERSCRIPTABLE):
        return argument.translate(_SUPERSCRIPTS)
    return f"{marker}{argument}" if len(argument) == 1 else f"{marker}{{{argument}}}"


def _grouped(text):
    """Parenthesise a fraction part that holds several terms, so `a / b` stays unambiguous."""
    text = text.strip()
    return f"({text})" if re.search(r"[\s+−=,·/]", text) else text
