"""Where pandoc and citeproc-js (Zotero's engine) print the same style differently.

citeman renders with pandoc but aims at what Zotero users see. Each difference found
on real libraries is handled here in one of two ways: pandoc gets a rewritten copy of
the style (:func:`style_for_pandoc`), or text travels through pandoc behind a
private-use marker that :func:`restore_literal_text` takes out again.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

# pandoc drops the space of a suffix that ends in one when a delimiter or affix starting
# with "," or "." follows, and then merges the punctuation ("no. 272., Springer");
# citeproc-js prints affixes literally ("no. 272. , Springer", IEEE's series). A marker
# after such a suffix keeps the space away from the next piece.
SPACE_MARK = "\ue004"
# citeproc-js moves only affix punctuation into closing quotes, never the text of a
# <text value="."/> (IEEE ends an article with one: “Title”.); pandoc moves both.
VALUE_MARK = "\ue005"
# A number with a leading zero ("07") is text to citeproc-js, printed as given even by
# <number>; pandoc reads it as the number 7. A marker keeps it text for pandoc.
NUMBER_MARK = "\ue006"

_SUFFIX_ENDING_IN_SPACE_RE = re.compile(r'(\ssuffix="[^"]*?\s)"')
_VALUE_STARTING_WITH_PUNCTUATION_RE = re.compile(r'(<text\b[^>]*?\bvalue=")([.,])')
_LEADING_ZERO_RE = re.compile(r"^0\d")


def keeps_suffix_spaces(xml: str) -> str:
    """The style's XML with :data:`SPACE_MARK` after every suffix that ends in whitespace."""
    return _SUFFIX_ENDING_IN_SPACE_RE.sub(lambda m: m.group(1) + SPACE_MARK + '"', xml)


def keeps_value_punctuation_outside_quotes(xml: str) -> str:
    """The style's XML with :data:`VALUE_MARK` before the punctuation that starts a ``<text value>``."""
    return _VALUE_STARTING_WITH_PUNCTUATION_RE.sub(lambda m: m.group(1) + VALUE_MARK + m.group(2), xml)


def number_as_text(value: str) -> str:
    """A number variable as pandoc gets it: with :data:`NUMBER_MARK` if it has a leading zero."""
    return NUMBER_MARK + value if _LEADING_ZERO_RE.match(value) else value


_DOUBLED_SPACE_RE = re.compile(r"(\s)" + SPACE_MARK + r"\s+")
_TRAILING_SPACE_RE = re.compile(r"\s+((?:</[a-z]+>)*)$")


def restore_literal_text(text: str) -> str:
    """Rendered text with the markers taken out.

    A marked space followed by another collapses into one, as both engines do with
    doubled spaces, and one left at the end of an entry goes, as pandoc trims it.
    """
    if SPACE_MARK in text:
        text = _DOUBLED_SPACE_RE.sub(r"\1", text).replace(SPACE_MARK, "")
        text = _TRAILING_SPACE_RE.sub(r"\1", text)
    return text.replace(VALUE_MARK, "").replace(NUMBER_MARK, "")


_PUNCTUATION_IN_QUOTE_RE = re.compile(r'punctuation-in-quote="(true|false)"')
_DEFAULT_LOCALE_RE = re.compile(r'<style\b[^>]*\bdefault-locale="([^"]+)"')
_LOCALE_RE = re.compile(r'<locale\b([^>]*)>(.*?)</locale>', re.S)
_LANG_RE = re.compile(r'xml:lang="([^"]+)"')


def moves_punctuation_into_quotes(xml: str) -> bool:
    """Whether the style's locale puts a following full stop or comma inside closing quotes.

    The style's own ``style-options`` for its locale decide (the most specific wins),
    otherwise the locale itself: of the CSL locales only American English (also the
    default when a style names none) does.
    """
    default = _DEFAULT_LOCALE_RE.search(xml)
    locale = (default.group(1) if default else "en-US").lower()
    decided, best = None, -1
    for attributes, body in _LOCALE_RE.findall(xml):
        lang = _LANG_RE.search(attributes)
        wanted = lang.group(1).lower() if lang else ""
        if wanted and not (locale == wanted or locale.startswith(wanted + "-")):
            continue
        option = _PUNCTUATION_IN_QUOTE_RE.search(body)
        if option and len(wanted) > best:
            decided, best = option.group(1) == "true", len(wanted)
    if decided is not None:
        return decided
    return locale in ("en", "en-us")


# Quotation marks typed in a field (``\mkbibquote{...}``, “...”) are text to pandoc, which
# leaves a following full stop or comma outside; citeproc-js moves it in, as the locale
# asks for quotes the style adds ("Aristotle’s “De Motu Animalium.” Princeton").
_PUNCTUATION_AFTER_QUOTE_RE = re.compile(r"”([.,])")


def punctuation_into_quotes(text: str) -> str:
    return _PUNCTUATION_AFTER_QUOTE_RE.sub(r"\1”", text) if "”" in text else text


# citeproc-js prints the label of an empty variable (its term, singular) when something
# beside it in the same group prints; pandoc prints nothing. Styles rely on the former:
# "(2 vol)" in Cite Them Right is number-of-volumes and the label of the empty volume,
# "In: ... p." in Mycologia the label of an empty page after the book's editor and title.
# pandoc gets a copy of the style in which each such label says so: the label if its
# variable is set, else the term if a variable its siblings print is set. An empty
# locator's label is the term of the default locator type, "page" (British Journal of
# Sociology puts one before the page in its bibliography: "280: p.291"). Name labels are
# left alone.
_LABEL_RE = re.compile(r'<label\b([^>]*?)\bvariable="([a-z-]+)"([^>]*?)/>')
_PLURAL_RE = re.compile(r'\s*\bplural="([a-z]+)"')
_CONDITION_TAGS = ("if", "else-if")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sibling_variables(xml: str) -> list[list[str]] | None:
    """For each variable ``<label>`` in document order, the variables its siblings can print.

    Macros are followed; the variables a condition only tests do not count. ``None`` if
    the style is not well-formed XML (pandoc then reports it).
    """
    try:
        root = ElementTree.fromstring(xml.encode("utf-8"))
    except ElementTree.ParseError:
        return None
    macros = {m.get("name"): m for m in root.iter() if _local(m.tag) == "macro"}
    cache: dict[str, set[str]] = {}

    def printed(element, seen: frozenset[str] = frozenset()) -> set[str]:
        found: set[str] = set()
        for node in element.iter():
            if node.get("variable") and _local(node.tag) not in _CONDITION_TAGS:
                found.update(node.get("variable").split())
            name = node.get("macro")
            if name and name in macros and name not in seen:
                if name not in cache:
                    cache[name] = printed(macros[name], seen | {name})
                found |= cache[name]
        return found

    parents = {child: parent for parent in root.iter() for child in parent}
    result = []
    for label in root.iter():
        if _local(label.tag) != "label" or not label.get("variable"):
            continue
        own = label.get("variable")
        siblings = [child for child in parents.get(label, ()) if child is not label]
        result.append(sorted(set().union(*(printed(s) for s in siblings)) - {own}) if siblings else [])
    return result


def labels_as_citeproc_js(xml: str) -> str:
    """The style's XML with every variable label rewritten as citeproc-js renders it."""
    siblings = _sibling_variables(xml)
    if siblings is None:
        return xml
    positions = iter(siblings)

    def rewrite(match: re.Match[str]) -> str:
        variable = match.group(2)
        beside = next(positions, [])
        if not beside:
            return match.group(0)
        attributes = match.group(1) + match.group(3)
        plural = _PLURAL_RE.search(attributes)
        term_attributes = _PLURAL_RE.sub("", attributes).strip()
        if plural and plural.group(1) == "always":
            term_attributes = f'{term_attributes} plural="true"'.strip()
        term_name = "page" if variable == "locator" else variable
        term = f'<text term="{term_name}" {term_attributes}/>' if term_attributes else f'<text term="{term_name}"/>'
        return (f'<choose><if variable="{variable}">{match.group(0)}</if>'
                f'<else-if variable="{" ".join(beside)}" match="any">{term}</else-if></choose>')

    return _LABEL_RE.sub(rewrite, xml)


# A <names> with a <label> and no <name> ("<names variable="editor"><label prefix=", "/>")
# prints the names with their default form, then the label (CSL 1.0.2, citeproc-js);
# pandoc puts the label first ("In, editorGilbert H."). Its copy gets the <name/> spelled out.
_NAMES_BLOCK_RE = re.compile(r"(<names\b[^>]*[^/]>)(.*?)(</names>)", re.S)


def names_with_name(xml: str) -> str:
    """The style's XML with an empty ``<name/>`` before the label of every ``<names>`` that has none."""

    def spell_out(match: re.Match[str]) -> str:
        inner = match.group(2)
        if "<label" not in inner or "<name" in inner.replace("<names", ""):
            return match.group(0)
        return match.group(1) + inner.replace("<label", "<name/><label", 1) + match.group(3)

    return _NAMES_BLOCK_RE.sub(spell_out, xml)


def restore_ieee_online(text: str) -> str:
    """IEEE: ``[Online]. Available: URL`` when the item has no access date, as citeproc-js prints it.

    The style puts the ``[Online]`` term in a group with the empty access date; pandoc
    suppresses that group (a strict reading of CSL's group rule), Zotero's engine keeps it.
    """
    if "[Online]" in text or "Available:" not in text:
        return text
    return text.replace("Available:", "[Online]. Available:", 1)


# A character reference escaped once more in an attribute ('prefix="&amp;#10;https://"')
# is text in XML, but citeproc-js reads affixes as HTML and prints the character (a line
# break there); pandoc printed "&#10;".
_ESCAPED_CHARACTER_REFERENCE_RE = re.compile(r"&amp;(#x[0-9a-fA-F]+|#[0-9]+);")


def unescapes_character_references(xml: str) -> str:
    """The style's XML with each doubly escaped character reference made a character reference again."""
    return _ESCAPED_CHARACTER_REFERENCE_RE.sub(r"&\1;", xml)


def style_for_pandoc(xml: str) -> str:
    """The copy of a style that pandoc renders as citeproc-js renders the original."""
    xml = names_with_name(labels_as_citeproc_js(unescapes_character_references(xml)))
    return keeps_value_punctuation_outside_quotes(keeps_suffix_spaces(xml))
