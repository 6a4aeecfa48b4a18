"""Derive lexicons/events_cameo.yaml (event trigger patterns) from PETRARCH2's CAMEO verb
dictionary, typed in PLOVER through the CAMEO -> PLOVER crosswalk (read here, not copied).

PETRARCH2 (Open Event Data Alliance, MIT licence) codes a sentence by its verb: a block of
synonymous verbs has a default CAMEO code, a verb may have its own, and patterns ("- * (TO
BORDER) [154] # RUSH": words after the verb `*`, prepositional phrases in parentheses, noun
phrases in braces, synonym sets `&NAME`) code what the verb governs. Our patterns (events.yaml)
are lemma sequences whose further lemmas lie below the trigger in the dependency parse: they
express a verb with its particles, prepositions and object nouns, and nothing else, so subject
words, source/target markers and products of synonym sets are dropped. The script prints how
many source lines translated, why the others did not, and which rule dropped which entries.

    .venv/bin/python scripts/derive_event_verbs.py \\
        ../shared/lexicon-sources/petrarch2/CAMEO.2.0.txt \\
        ../shared/eval/plover/CAMEO2PLOVER-2021.txt

PETRARCH-style coding over-codes: the precision rules below are general (no sentence or name of
any evaluation set appears here), and the families they leave out are the ones the event scorers
(`dateline eval events`, `dateline eval plover`) showed to cost precision (issue 10).
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from dateline.pipeline import DEFAULT_MODEL
from dateline.stages.events.extract import Pattern

OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "lexicons" / "events_cameo.yaml"
HAND = OUT.with_name("events.yaml")
REPORTING = OUT.with_name("reporting.yaml")
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"

# Where the PLOVER manual (Open Event Data Alliance, 2021) reads a CAMEO code otherwise than the
# crosswalk. SUPPORT, "Potential ambiguities": "Formal pardons and amnesties of arrested persons
# should be coded as CONCEDE" (CAMEO 056, forgive) and "Expressions of regret or remorse for an
# action or situation should be coded as CONCEDE" (CAMEO 055, apologize).
MANUAL_CODES = {"055": ("CONCEDE", None), "056": ("CONCEDE", None)}
# Readings of one PETRARCH2 block's code. RETREAT: "RETREAT also covers resignations of
# government officials" (PETRARCH2 codes them 083, accede to demands for reform). ACCUSE:
# "Accuse, allege, or charge, both judicially and informally; Sue or bring to court", where CAMEO
# 173 lumps charging with arrest: the blocks of prosecution and lawsuit read as CAMEO 115.
MANUAL_BLOCKS = {
    ("RESIGN", "083"): ("083", "RETREAT", "resign"),
    ("PROSECUTE", "173"): ("115", "ACCUSE", "allege"),
    ("SUE", "173"): ("115", "ACCUSE", "allege"),
}

# fmt: off
# A light verb says nothing of the act ("made", "took"); with more words it is an idiom ("made
# the trip") that our patterns, which find each word anywhere below the trigger, cannot hold
# together. The hand-written lexicon keeps the light-verb phrases it needs ("take hostage").
LIGHT_VERBS = frozenset({
    "make", "take", "give", "have", "get", "go", "put", "do", "be", "come", "set", "keep", "hold",
    "bring", "let", "see", "run", "turn",
})
# Words our lemma patterns can carry besides content words: prepositions and verb particles.
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "as", "at",
    "away", "back", "before", "behind", "below", "between", "beyond", "by", "down", "during", "for",
    "forward", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out", "over",
    "since", "through", "to", "together", "toward", "towards", "under", "until", "up", "upon",
    "with", "within", "without",
})
# Words a lemma below the trigger cannot stand for: articles, pronouns, conjunctions, auxiliaries.
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "if", "that", "whether", "when", "it", "its", "he",
    "she", "they", "them", "his", "her", "their", "himself", "herself", "itself", "themselves",
    "not", "no", "another", "each", "other", "more", "few", "is", "are", "was", "were", "be",
    "been", "being", "will", "would", "has", "have", "had", "re",
})
# fmt: on
# A synonym set this large is a list of named things (weapon models, currencies, aircraft), not
# synonyms of one word: a pattern over one is not expanded.
NAME_LIST = 30

# Precision rules, measured on `dateline eval events` and `dateline eval plover` (issue 10).
# A verb alone keeps PETRARCH2's code only for these PLOVER types and CAMEO codes. The others
# cost precision: CONSULT (04: "go to", "attend", "call" are rarely a meeting), SUPPORT (05:
# "encourage", "inspire", "celebrate" mostly not political), COOPERATE and AID (06, 07: verbs of
# provision and increase), COERCE (17: "remove", "capture", "force" in their everyday senses),
# ACCUSE other than 111 (the accusation verbs are hand-written), RETREAT (083 "resign": right in
# PLOVER, but one more false type on the PLOVER records, whose floor it would cross).
VERB_TYPES = frozenset({"CONCEDE", "ASSAULT"})
VERB_CODES = frozenset({"111"})  # criticize or denounce: "disparage", "berate", "rebuke"
# Patterns of these types cost precision on the scorers (PLOVER records gain false types,
# the article set loses type precision), and are left out.
PATTERN_DROP_TYPES = frozenset({"SUPPORT", "THREATEN", "SANCTION", "ASSAULT"})


@dataclass
class Verb:
    lemma: str
    particles: tuple[str, ...]
    code: str | None  # its own code, else the block's
    forms: set[str] = field(default_factory=set)  # as written in the file, upper case


@dataclass
class Block:
    name: str
    code: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # body, code, comment


@dataclass(frozen=True)
class Entry(Pattern):
    """A trigger pattern with where it comes from."""

    block: str = ""  # the PETRARCH2 verb block
    bare: bool = False  # a verb alone (or a multi-word verb such as "gun down"), not a pattern


def entry(
    words: tuple[str, ...], code: tuple[str, str, str | None], block: str, bare: bool
) -> Entry:
    cameo, typ, mode = code
    return Entry(words, typ, cameo, mode, block, bare)


class Lemmas:
    """Lemmas as the pipeline's lemmatizer gives them. The file writes verbs in their base form
    and nouns as they appear; the rules would wrongly strip the "s" of "discuss" or "access", so
    a word is only lemmatized when it looks inflected (a plural noun, a past verb)."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or spacy.load(DEFAULT_MODEL)
        self.rules = self.nlp.get_pipe("lemmatizer")
        self.index = set(self.rules.lookups.get_table("lemma_index")["verb"])
        self.exc = set(self.rules.lookups.get_table("lemma_exc")["verb"])

    def _lemma(self, word: str, pos: str, morph: str) -> str:
        doc = Doc(self.nlp.vocab, words=[word], pos=[pos], morphs=[morph])
        return self.rules.rule_lemmatize(doc[0])[0]

    def verb(self, word: str) -> str:
        """A verb line's lemma: the word itself when it is a base form ("lay", "found"),
        else its inflection undone ("forgave", "angered")."""
        word = word.lower()
        if word in self.index or not (word in self.exc or word.endswith(("ed", "ing"))):
            return word
        return self._lemma(word, "VERB", "VerbForm=Fin")

    def noun(self, word: str) -> str:
        """A pattern word's lemma: a plural made singular. A participle stays as it is: in a
        pattern it is mostly a modifier ("armed forces"), which the parser lemmatizes as itself."""
        word = word.lower()
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is", "ws"))
        return self._lemma(word, "NOUN", "Number=Plur") if plural else word


def read_crosswalk(path: Path) -> dict[str, tuple[str, str | None] | None]:
    """CAMEO code -> (PLOVER type, mode); None where the table gives one code two readings."""
    table: dict[str, tuple[str, str | None] | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d+):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if not m:
            continue
        code, typ, mode = m.group(1), m.group(2), (m.group(3) or "").strip() or None
        value = (typ, mode)
        table[code] = value if table.get(code, value) == value else None
    return table


def plover(code: str, crosswalk: dict[str, tuple[str, str | None] | None]) -> tuple | str:
    """(type, mode) of a CAMEO code, or why it has none. A four-digit code absent from the
    table reads as its three-digit parent; a two-digit family is never used (08 is both
    CONCEDE and RETREAT)."""
    if code in MANUAL_CODES:
        return MANUAL_CODES[code]
    for key in (code, code[:3]) if len(code) == 4 else (code,):
        if key in crosswalk:
            return crosswalk[key] or "ambiguous PLOVER mapping"
    return "no PLOVER type (comment, appeal or unlisted code)"


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&NAME -> its members, each a phrase of upper-case words."""
    sets: dict[str, list[str]] = {}
    name = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("&"):
            name = text
            sets[name] = []
        elif text.startswith("+") and name:
            sets[name].append(" ".join(w for w in text[1:].replace("_", " ").split()))
    return sets


def _forms(word: str) -> set[str]:
    """Regular inflections of an upper-case verb, as PETRARCH generates them."""
    stem = word[:-1] if word.endswith("E") else word
    return {word, word + "S", word + "ES", stem + "ED", stem + "ING", word + "D", word[:-1] + "IES"}


def read_verb(text: str, block_code: str, lemmas: Lemmas) -> Verb | str:
    """One verb line ("FREE {FREES FREEING FREED}", "+PULL_OUT", "RELEASE [084]")."""
    own = re.search(r"\[([^\]]*)\]", text)
    irregular = re.search(r"\{([^}]*)\}", text)
    head = text.split()[0]
    if "_" in head and not head.startswith("+"):
        return "word before the verb (prefix or compound)"
    parts = head.lstrip("+").split("_")
    verb = Verb(
        lemmas.verb(parts[0]),
        tuple(p.lower() for p in parts[1:] if p),
        own.group(1) if own else block_code,
    )
    verb.forms = {head.lstrip("+")} | _forms(parts[0])
    if irregular:
        verb.forms |= {f.lstrip("+").split("_")[0] for f in irregular.group(1).split()}
    verb.forms |= {f + "_" + "_".join(parts[1:]) for f in list(verb.forms) if len(parts) > 1}
    return verb


def read_blocks(lines: list[str], lemmas: Lemmas, dropped: Counter[str]) -> list[Block]:
    """The verb blocks between the VERB PATTERNS and TRANSFORMATIONS headers."""
    blocks: list[Block] = []
    for line in lines:
        if line.startswith("---"):
            name, code = line.split()[1], line.split()[2]
            blocks.append(Block(name, code.strip("[]-") or "---"))
            continue
        if not blocks or not line.strip() or line.startswith("#"):
            continue
        body, _, comment = line.partition("#")
        if body.startswith("-"):
            code = re.search(r"\[([^\]]*)\]", body)
            if code:
                rest = body[1 : code.start()].strip()
                blocks[-1].patterns.append((rest, code.group(1), comment.strip()))
            continue
        text = body.split(";")[0].strip()
        if text:
            verb = read_verb(text, blocks[-1].code, lemmas)
            if isinstance(verb, str):
                dropped[f"verbs: {verb}"] += 1
            else:
                blocks[-1].verbs.append(verb)
    return blocks


def pattern_words(body: str, synsets: dict[str, list[str]]) -> list[list[str]] | str:
    """The word sequences of a pattern's part after the verb, one per synset choice, or why
    the pattern does not translate."""
    before, star, after = body.partition("*")
    if not star:
        return "no verb place"
    if before.strip():
        return "words before the verb (subject)"
    if re.search(r"[$+^%]", after):
        return "source/target marker or skip"
    tokens = after.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split()
    if not tokens:
        return []
    if sum(t.startswith("&") for t in tokens) > 1:
        return "two synonym sets (their product is no longer one phrase)"
    if any(len(synsets.get(t, [])) > NAME_LIST for t in tokens):
        return "synonym set that lists names (weapons, currencies, aircraft)"
    choices: list[list[str]] = []
    for tok in tokens:
        if tok.startswith("&"):
            if tok not in synsets:
                return "undefined synset"
            choices.append(synsets[tok])
        else:
            choices.append([tok.replace("_", " ")])
    return [" ".join(c).split() for c in itertools.product(*choices)]


def translate(words: list[str], lemmas: Lemmas) -> tuple[str, ...] | str:
    """Lemmas of a pattern's words, or why they do not translate."""
    out = []
    for low in (part for word in words for part in word.lower().split("-")):
        if not re.fullmatch(r"[a-z]+", low):
            return "digit or mark"
        if low in FUNCTION_WORDS:
            return "function word (article, pronoun, auxiliary)"
        if low in PREPOSITIONS:
            out.append(low)
        else:
            out.append(lemmas.noun(low))
    return tuple(out)


def original_verb(block: Block, comment: str) -> Verb | None:
    """The verb a pattern was written for: the one its comment names (the file's header says
    so); a block of one verb owns all its patterns."""
    named = comment.split()[0].upper() if comment.split() else ""
    found = next((v for v in block.verbs if named in v.forms), None)
    if found is None and len(block.verbs) == 1:
        return block.verbs[0]
    return found


def reading(raw: str, block: Block, crosswalk: dict) -> tuple[str, str, str | None] | str:
    """(CAMEO code, PLOVER type, mode) of a code as the file writes it, or why it has none.
    "042:043" is the actor's act and the recipient's; we code the actor's."""
    code = raw.split(":")[0]
    if raw == "---" or not code:
        return "null code (no event)" if raw == "---" else "the recipient's act only (:code)"
    if (block.name, code) in MANUAL_BLOCKS:
        return MANUAL_BLOCKS[block.name, code]
    found = plover(code, crosswalk)
    return found if isinstance(found, str) else (code, *found)


def derive(
    blocks: list[Block],
    synsets: dict[str, list[str]],
    crosswalk: dict,
    lemmas: Lemmas,
    dropped: Counter[str],
) -> list[Entry]:
    """Every entry that translates and has one PLOVER reading, before the precision rules.
    `dropped` counts source lines (verbs, patterns) by why they gave nothing."""
    entries: list[Entry] = []
    for block in blocks:
        heads: dict[int, tuple[str, ...]] = {}
        for verb in block.verbs:
            rest = translate(list(verb.particles), lemmas)
            if not re.fullmatch(r"[a-z]+", verb.lemma):
                rest = "digit or mark"
            code = reading(verb.code or "---", block, crosswalk)
            if isinstance(rest, str) or isinstance(code, str):
                dropped[f"verbs: {rest if isinstance(rest, str) else code}"] += 1
            else:
                dropped["verbs: translated"] += 1
                entries.append(entry((verb.lemma, *rest), code, block.name, True))
            if not isinstance(rest, str):
                heads[id(verb)] = (verb.lemma, *rest)
        for body, raw, comment in block.patterns:
            verb = original_verb(block, comment)
            code = reading(raw, block, crosswalk)
            sequences = pattern_words(body, synsets)
            if verb is None:
                dropped["patterns: no verb of the block named as its origin"] += 1
            elif id(verb) not in heads:
                dropped["patterns: its verb does not translate"] += 1
            elif isinstance(code, str) or isinstance(sequences, str):
                dropped[f"patterns: {code if isinstance(code, str) else sequences}"] += 1
            else:
                translated = [translate(words, lemmas) for words in sequences or [[]]]
                good = {w for w in translated if not isinstance(w, str)}
                if not good:
                    dropped[f"patterns: {translated[0]}"] += 1
                    continue
                dropped["patterns: translated"] += 1
                head = heads[id(verb)]
                entries += [entry(head + w, code, block.name, not w) for w in sorted(good)]
    return entries


def _root(code: str) -> bool:
    """A cue-category root ("040", "190"): the default PETRARCH2 gives a whole block."""
    return len(code) == 3 and code.endswith("0")


def drop_reason(e: Entry, hand_triggers: frozenset[str], reporting: frozenset[str]) -> str | None:
    """Why a translated entry is left out, by the precision rules; None to keep it."""
    head, rest = e.words[0], e.words[1:]
    if e.bare:
        if len(e.words) == 1 and head in LIGHT_VERBS:
            return "verb alone: light verb"
        if len(e.words) == 1 and head in reporting:
            return "verb alone: verb of saying (the hand lexicon decides which are acts)"
        if _root(e.cameo):
            return "verb alone: cue-category root code (a block's default)"
        if e.type not in VERB_TYPES and e.cameo not in VERB_CODES:
            return f"verb alone: {e.type} verbs cost precision"
        return None
    if head in hand_triggers:
        return "pattern: its trigger is a hand-written trigger (which it would retype)"
    if head in reporting:
        return "pattern: its trigger is a verb of saying"
    if head in LIGHT_VERBS:
        return "pattern: light verb trigger (its words are matched anywhere below it)"
    if all(w in PREPOSITIONS for w in rest):
        return "pattern: no content word after the trigger"
    if e.type in PATTERN_DROP_TYPES:
        return f"pattern: {e.type} patterns cost precision"
    return None


def select(
    entries: list[Entry], hand: set[tuple[str, ...]], reporting: frozenset[str]
) -> tuple[list[Entry], Counter[str]]:
    """The entries the precision rules keep, one per word sequence, and why the others went."""
    why: Counter[str] = Counter()
    readings: dict[tuple[str, ...], set[str]] = {}
    for e in entries:
        readings.setdefault(e.words, set()).add(e.type)
    hand_triggers = frozenset(words[0] for words in hand)
    kept: dict[tuple[str, ...], Entry] = {}
    for e in entries:
        if e.words in hand:
            reason: str | None = "same words in the hand-written lexicon (it wins)"
        elif len(readings[e.words]) > 1:
            reason = "the source gives the same words two PLOVER types"
        elif e.words in kept:
            reason = "duplicate"
        else:
            reason = drop_reason(e, hand_triggers, reporting)
        if reason:
            why[reason] += 1
        else:
            kept[e.words] = e
    return list(kept.values()), why


HEADER = """\
# GENERATED by scripts/derive_event_verbs.py -- do not edit by hand; change the script or the
# hand-written lexicon (events.yaml, which wins where both have the same words) instead.
#
# Event trigger patterns derived from PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt),
# Copyright (c) 2015 Open Event Data Alliance, MIT licence, from petrarch2/data/dictionaries/
# at commit {commit}.
# The dictionary composes the TABARI CAMEO verb dictionaries (funded by the U.S. National
# Science Foundation) and WordNet synonym sets. Types and modes are read through the Open Event
# Data Alliance's CAMEO -> PLOVER crosswalk (2021), with the PLOVER manual's readings of
# pardons and apologies (CONCEDE), resignations (RETREAT) and lawsuits and prosecutions (ACCUSE).
#
# Same format as events.yaml: a pattern is a sequence of lemmas, the first the trigger, each
# further one found below it in the dependency tree; value "CAMEO [mode]". The comment after
# an entry names the PETRARCH2 verb block it comes from.
"""


def render(entries: list[Entry]) -> str:
    """The lexicon file: the header, then each PLOVER type in the order of events.yaml."""
    lines = [HEADER.format(commit=SOURCE_COMMIT)]
    order = [t for t in yaml.safe_load(HAND.read_text(encoding="utf-8")) if t.isupper()]
    for typ in order:
        mine = sorted((e for e in entries if e.type == typ), key=lambda e: e.words)
        if mine:
            lines.append(f"\n{typ}:\n")
        for e in mine:
            value = f"{e.cameo} {e.mode}" if e.mode else e.cameo
            lines.append(f'  {" ".join(e.words)}: "{value}"  # {e.block}\n')
    return "".join(lines)


def build(source: Path, crosswalk_path: Path, nlp: Language | None = None) -> tuple[str, list[str]]:
    """The lexicon file's text and the counts of what was translated, kept and dropped."""
    lines = source.read_text(encoding="latin-1").splitlines()
    crosswalk = read_crosswalk(crosswalk_path)
    start = next(i for i, s in enumerate(lines) if s.startswith("####### VERB PATTERNS"))
    end = next(i for i, s in enumerate(lines) if s.startswith("######## TRANSFORMATIONS"))
    lemmas = Lemmas(nlp)
    dropped: Counter[str] = Counter()
    synsets = read_synsets(lines[:start])
    blocks = read_blocks(lines[start + 1 : end], lemmas, dropped)
    entries = derive(blocks, synsets, crosswalk, lemmas, dropped)
    hand_lex = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    hand = {tuple(w.lower().split()) for t, group in hand_lex.items() if t.isupper() for w in group}
    reporting = frozenset(yaml.safe_load(REPORTING.read_text(encoding="utf-8"))["verbs"])
    kept, why = select(entries, hand, reporting)
    verbs, patterns = sum(len(b.verbs) for b in blocks), sum(len(b.patterns) for b in blocks)
    report = [f"read {len(blocks)} verb blocks: {verbs} verb lines, {patterns} pattern lines"]
    for reason, n in sorted(dropped.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])):
        report.append(f"  {n:6}  {reason}")
    report.append(f"derived {len(entries)} entries (synonym sets expanded)")
    report += [f"  {n:6}  dropped: {reason}" for reason, n in why.most_common()]
    by_type = Counter(e.type for e in kept).most_common()
    report.append(f"kept {len(kept)}: " + ", ".join(f"{t} {n}" for t, n in by_type))
    return render(kept), report


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, crosswalk = Path(sys.argv[1]), Path(sys.argv[2])
    for path in (source, crosswalk):
        if not path.is_file():
            sys.exit(f"{path}: no such file")
    try:
        text, report = build(source, crosswalk)
    except StopIteration:
        sys.exit(f"{source}: no VERB PATTERNS / TRANSFORMATIONS sections (not CAMEO.2.0.txt?)")
    OUT.write_text(text, encoding="utf-8")
    print("\n".join(report))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
