"""No user sentence in Arabic or French is written in Python code: sentences go through gettext and the catalogues.

A string literal under src/tijara (tests, migrations, data folders and catalogues excepted; docstrings are for
developers) fails when it holds Arabic text of three words or more, or French sentence text (French function words
outnumbering English ones in four words or more). Vocabulary lists, regular expressions and URLs are not sentences.
"""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tijara"
SKIPPED_PARTS = {"tests", "migrations", "data", "locale"}
# Python modules that are data: what a user would type (demo content, sample inputs), never UI wording.
DATA_MODULES = {
    "catalog/demo_data.py",  # demo products, written as an artisan would
    "core/warmup.py",  # sample questions sent to warm the models at start-up, never shown
}
# Single literals that are proper names, each with its reason.
PROPER_NAMES = {
    "ICE (Identifiant Commun de l'Entreprise)",  # the Moroccan company identifier's official (French) name, a msgid
}

# A literal that is sample input never shown to anyone (a probe, a warm-up query) says so on its line.
NOT_SHOWN = "# i18n: not shown"
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{[^}]*\}")
FRENCH = {"les", "des", "du", "une", "est", "pour", "avec", "dans", "sur", "pas", "vous", "votre", "vos", "et",
          "au", "aux", "cette", "qui", "que", "sont", "où", "à", "le", "la", "de", "un", "en", "ne", "se", "ce",
          "par", "plus", "ou", "leur", "être", "été", "nous", "il", "elle"}
ENGLISH = {"the", "and", "of", "to", "is", "for", "with", "in", "on", "a", "an", "are", "be", "this", "that", "or",
           "not", "at", "by", "from", "as", "it", "no", "has", "have", "per", "any"}


def sentence_language(text: str) -> str | None:
    """"ar" or "fr" when the literal reads as a sentence in that language, else None."""
    if "\\" in text or "(?" in text or text.count("|") >= 2 or "://" in text:
        return None  # a regular expression, an alternation list or a URL
    if len(text.split()) >= 12 and text == text.lower() and not re.search(r"[.,;:!?«»()]", text):
        return None  # a space-separated word list (stop words)
    if sum(1 for token in text.split() if ARABIC.search(token)) >= 3:
        return "ar"
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", PLACEHOLDER.sub(" ", text).lower())
    if len(words) < 4:
        return None
    french = sum(1 for w in words if w in FRENCH or re.match(r"^(l|d|n|qu|c|j|s)['’]\w", w))
    english = sum(1 for w in words if w in ENGLISH)
    if french >= 2 and french > english and french < 0.7 * len(words):  # ≥ 70 %: a stop-word list
        return "fr"
    return None


def docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def offenders(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_PARTS & set(relative.parts) or relative.as_posix() in DATA_MODULES:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        docstrings = docstring_nodes(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and node.value not in PROPER_NAMES and NOT_SHOWN not in lines[node.lineno - 1]):
                language = sentence_language(node.value)
                if language:
                    found.append(f"{relative}:{node.lineno} [{language}] {node.value[:70]!r}")
    return found


def test_no_arabic_or_french_sentence_is_written_in_python_code():
    found = offenders()
    files = sorted({line.split(":")[0] for line in found})
    assert not found, (f"{len(found)} Arabic/French sentence(s) bypass the catalogues in {len(files)} file(s) "
                       f"({', '.join(files)}): use gettext/pgettext with an English msgid.\n" + "\n".join(found))


def test_the_detector_reads_sentences_not_code():
    assert sentence_language("الخطوات والوثائق اللازمة لتصدير{what}") == "ar"
    assert sentence_language("Étapes et documents pour exporter{what}, d'après les procédures sourcées :") == "fr"
    assert sentence_language("Customs duty %(rate)s%% (%(regime)s) on the value of the goods") is None
    assert sentence_language("زربية|زرابي|حنبل") is None
    assert sentence_language("a au aux avec ce ces d dans de des du en et la le les") is None
    assert sentence_language("%(field)s is implausibly large (%(value)s).") is None
    assert sentence_language("a au aux avec ce ces d dans de des du en et l la le les leur ou par pas pour sans se son "
                             "sur un une autres autre excl meme memes") is None


def test_the_scan_finds_a_sentence_in_a_module(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text('"""Doc: la page des produits est ici."""\n'
                                                'MESSAGE = "Votre produit est prêt pour la vente."\n',
                                                encoding="utf-8")
    (tmp_path / "app" / "tests").mkdir()
    (tmp_path / "app" / "tests" / "test_x.py").write_text('X = "Votre produit est prêt pour la vente."\n',
                                                          encoding="utf-8")
    (tmp_path / "app" / "probe.py").write_text('PROBE = "Tapis de laine, à points noués"  # i18n: not shown\n',
                                                encoding="utf-8")
    assert offenders(tmp_path) == ["app/views.py:2 [fr] 'Votre produit est prêt pour la vente.'"]
