"""`build.py import`: raw releases become drafts whose facts are drawn from their text.

The seed imports to the facts of the example release; an editor's files (text,
Markdown, a saved web page, standard input) become drafts that build; nothing is
written over; and the evaluation set (tests/fixtures/import, written from real
releases) is scored field by field, with no state that did not take part listed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from briefing.commands.build import build
from briefing.read.facts import extract
from briefing.read.raw import read_raw
from conftest import ROOT, cli, page, project, texts

# the workspace's seed release (../shared/seed/), copied as it is
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_c41756f9194e43e0.txt"
EXAMPLE = ROOT / "content" / "2021" / "2021-csto-anti-drug-council-xxiii.md"
sys.path.insert(0, str(ROOT / "bench"))

import import_eval  # noqa: E402


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_the_seed_imports_to_the_facts_of_the_example_release():
    draft = extract(read_raw(SEED.name, SEED.read_bytes()))
    example = front(EXAMPLE)
    assert draft.chair == {"name": "Igor Zubov", "country": "RU",
                           "position": example["chair"]["position"]}
    assert sorted(c.official_name for c in draft.countries) == sorted(example["countries"])
    assert (draft.session, draft.format, draft.organization, draft.body) == (
        23, "videoconference", "CSTO", example["body"])
    assert draft.officials == example["officials"]
    assert draft.date.iso == "2021" and "check" not in draft.date_note  # the year only
    assert draft.location is None and "location" in draft.missing


RELEASE = """ date 2022-11-23

On 23 November 2022, the Collective Security Council of the Collective Security Treaty
Organization held its session in Yerevan under the chairmanship of the Prime Minister of
the Republic of Armenia Nikol Pashinyan.

The session was attended by the heads of state of Belarus, Kazakhstan, Kyrgyzstan,
Russia and Tajikistan.

The leaders discussed the situation in Afghanistan. The next session will be held in Minsk.
"""

PAGE = """<!DOCTYPE html><html lang="ru"><head><title>Новости</title>
<meta property="article:published_time" content="2021-05-26"></head><body>
<nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
<article><h1>Заседание Совета глав правительств СНГ</h1>
<p>28 мая 2021 года в Минске под председательством Премьер-министра Республики Беларусь
Романа Головченко состоялось заседание Совета глав правительств Содружества Независимых
Государств.</p>
<p>В заседании приняли участие главы правительств Республики Армения, Республики Беларусь,
Республики Казахстан, Кыргызской Республики, Российской Федерации, Республики Таджикистан и
Республики Узбекистан.</p>
<p>Участники обсудили сотрудничество с Афганистаном.</p></article>
<footer>© 2021</footer></body></html>
"""


def test_import_writes_drafts_that_build(tmp_path):
    (tmp_path / "session.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    done = cli("import", "session.txt", "page.html", "--source", "https://example.org/r",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = [tmp_path / line for line in done.stdout.split()]
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "content/2022/2022-11-23-csto-collective-security-council.md",
        "content/2021/2021-05-28-cis-council-of-heads-of-government.md"]
    english, russian = (front(p) for p in written)
    assert english["countries"] == ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia",
                                    "Tajikistan"]  # not Afghanistan, the topic
    assert english["location"] == "Yerevan, Armenia"  # not Minsk, the next session's
    assert english["chair"] == {"name": "Nikol Pashinyan", "position": "Prime Minister",
                                "country": "AM"}
    assert english["draft"] is True and english["source"] == "https://example.org/r"
    assert russian["chair"] == {"name": "Роман Головченко", "position": "Премьер-министр",
                                "country": "BY"}
    assert russian["location"] == "Minsk, Belarus" and russian["lang"] == "ru"
    assert len(russian["countries"]) == 7 and "Afghanistan" not in russian["countries"]
    text = written[1].read_text(encoding="utf-8")
    assert "Главная" not in text and "© 2021" not in text  # the page's frame left out
    assert "# format: not named in the text" in text
    report = build(project(tmp_path / "content", tmp_path / "site"), drafts=True, search=False)
    assert report.releases == 2
    tree = page(tmp_path / "site", "meetings/2022-11-23-csto-collective-security-council/index.html")
    assert texts(tree, "//h1") == ["Session of the CSTO Collective Security Council"]


def test_import_never_writes_over_a_release_and_names_each_problem(tmp_path):
    (tmp_path / "session.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    first = cli("import", "session.txt", cwd=tmp_path)
    path = tmp_path / first.stdout.strip()
    before = path.read_bytes()
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # (read, it would block for ever)
    again = cli("import", "session.txt", "binary.txt", "missing.txt", "pipe.txt", cwd=tmp_path,
                timeout=60)
    assert again.returncode == 1
    assert "missing.txt: No such file or directory; nothing written" in again.stderr
    assert "pipe.txt: a FIFO" in again.stderr
    again = cli("import", "session.txt", "binary.txt", cwd=tmp_path)
    assert f"{path.relative_to(tmp_path)} already exists; nothing written" in again.stderr
    assert "binary.txt: binary data, not a text" in again.stderr
    assert path.read_bytes() == before
    assert "Traceback" not in again.stderr


def test_import_reads_standard_input(tmp_path):
    import subprocess

    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "import", "-"],
                          input=RELEASE.encode(), cwd=tmp_path, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert front(tmp_path / done.stdout.decode().strip())["organization"] == "CSTO"


EVALUATION = import_eval.SET


@pytest.mark.skipif(len(list(EVALUATION.glob("*.expected.yaml"))) < 30,
                    reason="the evaluation set is not complete")
@pytest.mark.parametrize("folder, floor", [("import-unseen", 0.92), ("import-holdout", 0.78),
                                           ("import-blind", 0.74)])
def test_the_sets_written_without_reading_the_importer_list_no_one_who_was_not_there(
        folder, floor):
    """The second, third and fourth sets were written blind (each README says how); what they
    found was fixed, so they now hold the line: no state listed that did not take part,
    and no change reads them worse than they read when this was written."""
    result = import_eval.evaluate(folder=ROOT / "tests" / "fixtures" / folder)
    right, total = result.share()
    assert result.intruders == []
    assert total > 100 and right / total >= floor, import_eval.table(result)


def test_the_evaluation_set_is_read_right_and_lists_no_one_who_was_not_there():
    result = import_eval.evaluate()
    right, total = result.share()
    assert result.intruders == []
    assert right / total >= import_eval.FLOOR, import_eval.table(result)
    languages = {s.lang for s in result.scores}
    assert languages == {"en", "ru"}


def test_control_characters_of_a_copied_page_are_left_out(tmp_path):
    (tmp_path / "r.txt").write_text(RELEASE.replace("Yerevan", "Yere\x07van\x1b"), encoding="utf-8")
    done = cli("import", "r.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / done.stdout.strip()).read_text(encoding="utf-8")
    assert "\x07" not in text and "\x1b" not in text and "Yerevan" in text


ALL = """ date 2019-10-23

23 October 2019: the XXI meeting of the Coordinating Council of Heads of Competent
Authorities to Combat Illicit Drug Trafficking of the CSTO was held in Moscow.
Delegations of all CSTO member states took part.
"""


def test_all_members_only_where_the_registry_knows_them(tmp_path):
    (tmp_path / "r.txt").write_text(ALL, encoding="utf-8")
    done = cli("import", "r.txt", "--content", "a", cwd=tmp_path)
    text = (tmp_path / done.stdout.strip()).read_text(encoding="utf-8")
    assert "countries:" not in text.replace("# countries:", "")
    assert "# countries: the text says all member states took part" in text
    (tmp_path / "organizations.yaml").write_text((ROOT / "organizations.yaml").read_text())
    done = cli("import", "r.txt", "--content", "b", cwd=tmp_path)
    assert front(tmp_path / done.stdout.strip())["countries"] == "all members"


def test_who_did_not_come_is_not_a_participant():
    raw = read_raw("r.txt", """ date 2020-10-09

Сегодня в Ереване проходит заседание Евразийского межправительственного совета.
Первым прибыл премьер-министр Беларуси Сергей Румас.

Глава правительства Кыргызстана Кубатбек Боронов приехать не смог.
""".encode())
    draft = extract(raw)
    assert [c.code for c in draft.countries] == ["BY"]
    # (an official's state stays in the position: the schema has no other place for it)
    assert draft.officials == [{"name": "Сергей Румас", "position": "премьер-министр Беларуси"}]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefing.commands.imports import all_members_known, front_matter  # noqa: E402
from briefing.model.organizations import Memberships  # noqa: E402
from briefing.read.raw import NotARelease  # noqa: E402

PIECES = st.sampled_from([
    "today", "сегодня", "chaired by", "под председательством", "Minister", "of", "the", "Republic",
    "Armenia", "Республики", "Беларусь", "XXIII", "23rd", "meeting", "заседание", "in", "в",
    "Минске", "Minsk", ",", ".", ":", "\n\n", "–", "7", "December", "декабря", "2021", "S.", "З.",
    "all member states", "took part", "приняли участие", "Igor", "Zubov", "Игоря", "Зубова",
    "H.E.", "and", "и", "until", "до", "(", ")", "'s", "<p>", "</p>", "\x07"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map(" ".join)),
       header=st.booleans())
def test_any_text_gives_a_draft_the_build_reads_or_a_reason(body, header):
    """Never a traceback; and a draft written is one the build reads without an error."""
    from briefing.read.release import split_release
    from briefing.read.schema import to_meeting

    data = ((" date 2021-05-05\n" if header else "") + body).encode("utf-8", "surrogatepass")
    try:
        raw = read_raw("x.txt", data)
    except NotARelease:
        return
    draft = extract(raw)
    if draft.date is None:
        return  # (import writes no draft without a date: see the test below)
    all_members_known(draft, Memberships({}))  # (as import does, with no registry)
    text = front_matter(draft) + "\n" + raw.text + "\n"
    meeting, problems = to_meeting(split_release(Path("x.md"), "x.md", text))
    assert meeting is not None, [str(p) for p in problems if not p.warning]


@pytest.mark.parametrize("sentence, listed", [
    ("Делегация Киргизии не приняла участие в заседании.", set()),
    ("Delegations of all member states took part, except Kyrgyzstan and Tajikistan.", set()),
    ("Delegations of all member states except Kyrgyzstan took part.", set()),
    ("Delegations of Armenia and Belarus took part in a discussion of drug production in "
     "Afghanistan.", {"AM", "BY"}),
    ("Delegations of Armenia and Belarus attended; the situation in Ukraine was discussed.",
     {"AM", "BY"}),
    ("Делегации Армении и Беларуси приняли участие; обсуждено производство наркотиков в "
     "Афганистане.", {"AM", "BY"}),
    ("Delegations of Armenia and Belarus attended, but not Kyrgyzstan.", {"AM", "BY"}),
    ("Armenia and Belarus attended, while Iraq was not invited.", {"AM", "BY"}),
    ("The foreign ministers of Armenia and Belarus reviewed the plan for Syria.", {"AM", "BY"}),
    ("The Council discussed a letter from the foreign ministers of Iraq and Syria.", set()),
    ("Armenia was represented by its ambassador, and Iraq and Syria were discussed.", {"AM"}),
    ("Обсудили главы правительств Армении и Беларуси, а также положение в Сирии.", {"AM", "BY"}),
    ("Совет рассмотрел обращение министров иностранных дел Ирака и Сирии.", set()),
    ("Армению представлял посол, а Молдавию – посол в Белоруссии.", {"AM", "MD", "BY"}),
    ("Армению представлял посол, а Сирия и Ирак обсуждались отдельно.", {"AM"}),
    # what a clause says will happen, a quotation, "представительство" name no participant
    ("On Thursday the ministers will be joined by counterparts from Iraq and Syria.", set()),
    ("The representative of Armenia answered: “Today it is Syria, tomorrow Iraq”.", {"AM"}),
    ("Представитель Армении возразил: «Сегодня это Сирия, а завтра Ирак».", {"AM"}),
    ("Они призвали к реформе Совета с расширением представительства Сирии и Ирака.", set()),
    # a group subject lists only the states right after it
    ("Министры одобрили программу укрепления границы с Ираком.", set()),
    ("The foreign ministers of Armenia and Belarus approved a plan for Syria and Iraq.",
     {"AM", "BY"}),
    ("Kyrgyzstan was not among the participants.", set()),
    ("Delegations from Iraq and Syria were invited but stayed away.", set()),
    ("The ministers of Armenia and Belarus, who attended, agreed to help Syria and Iraq.",
     {"AM", "BY"}),
])
def test_a_state_is_listed_only_when_a_sentence_says_it_took_part(sentence, listed):
    lang = "ru" if re.search("[а-я]", sentence) else "en"
    head = ("Сегодня в Минске состоялось заседание Совета министров иностранных дел ОДКБ."
            if lang == "ru" else "Today the CSTO Council of Foreign Ministers met in Minsk.")
    raw = read_raw("r.txt", f" date 2021-05-05\n{head}\n\n{sentence}\n".encode())
    found = extract(raw).countries
    assert (set() if found == "all members" else {c.code for c in found}) <= listed | {"BY"}
    assert found != "all members"


@pytest.mark.parametrize("text, said", [
    (" date 2021-02-30\nThe Council met in Minsk today and agreed on the plan of work.",
     "the date above the text, 2021-02-30, is not a day"),
    ("The meeting of the CSTO Council was held in 0000 in Minsk, with all ministers.",
     "no date in the text and none above it"),
    ("***", "no text of a release"),
    ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no text of a release"),
])
def test_a_release_that_cannot_be_a_draft_is_named_with_why(tmp_path, text, said):
    name = "page.html" if text.startswith("<html") else "r.txt"
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = cli("import", name, cwd=tmp_path)
    assert done.returncode == 1 and f"{name}: " in done.stderr and said in done.stderr, \
        done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "content").exists()


def test_hostile_text_does_not_make_the_reader_backtrack():
    import time

    started = time.perf_counter()
    extract(read_raw("r.txt", ("-".join(["A"] * 40) + " chaired the meeting. " +
                               "word " * 20000).encode()))
    assert time.perf_counter() - started < 20



def test_the_readme_shows_what_the_seed_imports_to():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("The seed (`../shared/seed/`) imports to:", 1)[1]
    shown = shown.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert front_matter(extract(read_raw(SEED.name, SEED.read_bytes()))) == shown


def test_a_session_past_3999_is_shown_without_a_roman_numeral(tmp_path):
    """(The UN Security Council's 7053rd meeting: Roman numerals stop at 3,999.)"""
    from briefing.read.release import split_release
    from briefing.read.schema import to_meeting

    text = "---\ntitle: A meeting\ndate: 2013-10-30\nsession: 7053\n---\nText.\n"
    meeting, _ = to_meeting(split_release(Path("m.md"), "m.md", text))
    assert meeting.session_label == "7053rd"
    text = text.replace("7053", "100000")
    meeting, problems = to_meeting(split_release(Path("m.md"), "m.md", text))
    assert meeting is None and "1 to 99,999" in str(problems[0])


def test_what_no_page_may_carry_is_left_out_of_a_draft():
    """(Found by the property test: a C1 control, U+0080, in a title stopped the build.)"""
    raw = read_raw("r.txt", " date 2021-05-05\n0:0:0:0{0{0\x800×0 and some more words here".encode())
    assert "\x80" not in raw.text


@pytest.mark.parametrize("sentence, named", [
    # who spoke at the meeting was there; who sent a recorded message was not
    ("Ghada Waly addressed the Council. Jan Novak, Chair of the Board, also spoke, and the "
     "head of the agency, Pedro Alves, sent a recorded video message.", {"Ghada Waly", "Jan Novak"}),
    ("The segment marking the Single Convention was addressed by Ambassador Munir Akram and "
     "by Jamie Bridge, Chair of the NGO Committee.", {"Munir Akram", "Jamie Bridge"}),
    ("The Foreign Ministers of Armenia and Belarus held their meeting in New York.", set()),
    ("Генеральный секретарь ОДКБ Николай Бордюжа выступил с докладом.", {"Николай Бордюжа"}),
    # who left before the meeting was not there
    ("The United States delegation was led by Assistant Secretary James O'Brien: Secretary "
     "Antony Blinken, who had attended the dinner, left Skopje before the meeting.",
     {"James O'Brien"}),
    ("Участников встретил в комплексе имени Карена Демирчяна премьер-министр Армении "
     "Никол Пашинян.", {"Никол Пашинян"}),
    ("В нем приняли участие премьер-министр Казахстана Аскар Мамин и заместитель министра "
     "Пакистана З. Ахмед.", {"Аскар Мамин", "З. Ахмед"}),
])
def test_officials_are_who_the_text_shows_at_the_meeting(sentence, named):
    lang = "ru" if re.search("[а-я]", sentence) else "en"
    head = ("Сегодня в Минске состоялось заседание Совета министров иностранных дел ОДКБ."
            if lang == "ru" else "Today the CSTO Council of Foreign Ministers met in Minsk.")
    raw = read_raw("r.txt", f" date 2021-05-05\n{head}\n\n{sentence}\n".encode())
    assert {o["name"] for o in extract(raw).officials} == named


@pytest.mark.parametrize("sentence, chair", [
    ("The session was chaired by Ambassador Dominika Krois, Permanent Representative of Poland.",
     {"name": "Dominika Krois", "position": "Ambassador, Permanent Representative",
      "country": "PL"}),
    ("Opening the meeting, the President of the Council for October, Agshin Mehdiyev of "
     "Azerbaijan, thanked the members.",
     {"name": "Agshin Mehdiyev", "position": "President of the Security Council", "country": "AZ"}),
    ("Заседание в узком составе ведет премьер-министр Беларуси Александр Турчин.",
     {"name": "Александр Турчин", "position": "премьер-министр", "country": "BY"}),
    ("Заседание прошло под председательством премьер-министра Беларуси Александра Турчина.",
     {"name": "Александр Турчин", "position": "премьер-министр", "country": "BY"}),
])
def test_the_chair_is_named_as_the_text_names_them(sentence, chair):
    lang = "ru" if re.search("[а-я]", sentence) else "en"
    head = ("Сегодня в Минске состоялось заседание Евразийского межправительственного совета."
            if lang == "ru" else "Today the UN Security Council held its 7053rd meeting.")
    raw = read_raw("r.txt", f" date 2021-05-05\n{head}\n\n{sentence}\n".encode())
    assert extract(raw).chair == chair


@pytest.mark.parametrize("sentence, listed", [
    # an official's own state took part; a state the position deals with did not
    ("Statements were delivered by the Head of the Federal Department of Foreign Affairs of "
     "Switzerland, Didier Burkhalter.", {"CH"}),
    ("The meeting was addressed by the Special Envoy for Syria, Geir Pedersen.", set()),
    ("He took his seat without a word between the representatives of Romania and San Marino.",
     {"RO", "SM"}),
    ("Joining the call were the President of Kazakhstan Kassym-Jomart Tokayev and the Prime "
     "Minister of India Narendra Modi.", {"KZ", "IN"}),
])
def test_states_of_officials_and_of_the_words_around_them(sentence, listed):
    raw = read_raw("r.txt", f" date 2021-05-05\nToday the CSTO Council of Foreign Ministers "
                            f"met.\n\n{sentence}\n".encode())
    found = extract(raw).countries
    assert {c.code for c in found} == listed


@pytest.mark.parametrize("text, facts", [
    ("The Council of Heads of State met in Ashgabat, with President of Turkmenistan Gurbanguly "
     "Berdimuhamedov in the chair.", {"chair": {"name": "Gurbanguly Berdimuhamedov",
                                                "position": "President", "country": "TM"}}),
    ("The session, which will run until 27 March, is presided over by the President of the "
     "Council, Joachim Rücker of Germany.", {"chair": {"name": "Joachim Rücker",
                                                      "position": "President of the Council",
                                                      "country": "DE"}}),
    ("The 30th OSCE Ministerial Council opened today in Skopje and will end on Friday, "
     "7 May.", {"end_date": "2021-05-07"}),
    ("The 42nd ASEAN Summit opened today in Labuan Bajo.", {"body": "Summit"}),
    ("Yerevan hosted a session of the Committee of Secretaries of Security Councils of the "
     "CSTO today.", {"organization": "CSTO", "body": "Committee of Secretaries of Security "
                                                     "Councils"}),
    ("Совет Безопасности ООН сегодня провел заседание. Председательствовал на заседании министр "
     "иностранных дел России Сергей Лавров. Заседание открыл Генеральный секретарь ООН Антониу "
     "Гутерриш.", {"body": "Security Council", "chair": {
         "name": "Сергей Лавров", "position": "министр иностранных дел", "country": "RU"}}),
    ("Сегодня под председательством члена Политбюро ЦК КПК, министра иностранных дел КНР Ван И "
     "состоялось заседание Совета министров иностранных дел ШОС.", {"chair": {
         "name": "Ван И", "position": "член Политбюро ЦК КПК, министр иностранных дел",
         "country": "CN"}}),
    ("Сегодня в Ханое под председательством премьер-министра Вьетнама Нгуен Суан Фука прошел "
     "36-й саммит АСЕАН. Приняли участие лидеры всех десяти государств – членов АСЕАН.",
     {"body": "Summit", "countries": "all members", "chair": {
         "name": "Нгуен Суан Фук", "position": "премьер-министр", "country": "VN"}}),
    # what the fourth set, written blind, found read wrongly (the header is a Wednesday)
    ("Vienna, 22 March 2019 - The 62nd session of the Commission on Narcotic Drugs closed "
     "today. The session opened on 14 March.", {"date": "2019-03-14", "end_date": "2019-03-22"}),
    ("Во вторник под председательством Президента России Владимира Путина прошел XII саммит "
     "БРИКС, хотя изначально его планировалось провести в июле.", {"date": "2021-05-04"}),
    ("The Supreme Council met in Bishkek today, in person, unlike the videoconferences of "
     "2020 and 2021.", {"format": "in person"}),
    ("Ambassador Mohan Pieris was elected Chair of the First Committee at UN Headquarters "
     "today.", {"location": None, "body": "First Committee"}),
    ("BRIC Leaders Hold Their First Summit in Yekaterinburg today.", {"body": None,
                                                                      "organization": "BRICS"}),
    ("Defence ministers of the SCO met in New Delhi today, with India's Defence Minister "
     "Rajnath Singh chairing the talks.", {"chair": {"name": "Rajnath Singh",
                                                     "position": "Defence Minister",
                                                     "country": "IN"}}),
    ("The 13th ASEAN Summit opened today, chaired by Singapore's Prime Minister Lee Hsien "
     "Loong in the ballroom of the Shangri-La Hotel.", {"chair": {
         "name": "Lee Hsien Loong", "position": "Prime Minister", "country": "SG"}}),
    ("The CND session opened today. Ambassador Mirghani Abbaker Altayeb Bakhet of Sudan "
     "chaired the session.", {"chair": {"name": "Mirghani Abbaker Altayeb Bakhet",
                                       "position": "Ambassador", "country": "SD"}}),
    ("Сегодня заседание Совета коллективной безопасности ОДКБ прошло под председательством "
     "президента Беларуси Александра Лукашенко и подвело черту под годом председательства.",
     {"chair": {"name": "Александр Лукашенко", "position": "президент", "country": "BY"}}),
])
def test_facts_as_releases_write_them(text, facts):
    header = "" if re.match(r"\w+, \d", text) else " date 2021-05-05\n"  # (a dateline: none)
    draft = extract(read_raw("r.txt", f"{header}{text}\n".encode()))
    found = {"chair": draft.chair, "body": draft.body, "organization": draft.organization,
             "countries": draft.countries, "format": draft.format, "location": draft.location,
             "date": draft.date.iso if draft.date else None,
             "end_date": draft.end_date.iso if draft.end_date else None}
    assert {key: found[key] for key in facts} == facts


def test_the_readme_shows_the_evaluation_table_as_it_reads_today():
    """The table in the README is the one bench/import_eval.py prints: a change that
    reads the set better or worse updates it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = import_eval.table(import_eval.evaluate()).split("\n\n")[0]
    assert table in readme


@pytest.mark.parametrize("sentence", [
    # what a fresh-eyes review found listed, named or made chair wrongly
    "The leaders of France and Germany criticised the meeting.",
    "The ministers of Kazakhstan and Kyrgyzstan met in Astana last month.",
    "Позднее президенты Украины и Молдовы осудили заседание.",
    "Armenia and Belarus attended, while Uzbekistan sent its greetings in a letter.",
    "Armenia and Belarus attended, but the delegation of Uzbekistan was stuck at the airport.",
    "Armenia and Belarus attended; Uzbekistan was represented only by a letter.",
    "Армения и Беларусь участвовали, но делегация Узбекистана застряла в аэропорту.",
    "The delegation of Uzbekistan was invited to participate in future meetings as an observer.",
    "In Moscow, Sergei Lavrov chaired a separate meeting of the Russian Security Council.",
    "On Tuesday Sergei Lavrov chaired the preparatory meeting of the council.",
    "Sergei Lavrov, who chaired the council in 2019, did not attend.",
    "Armenia attended, while Russian Foreign Minister Sergei Lavrov remained in Moscow.",
    "A message from President Vladimir Putin was read out.",
    "The representative of Armenia attended and said: “Sergei Lavrov agrees with us”.",
])
def test_no_state_person_or_chair_the_text_does_not_show_at_the_meeting(sentence):
    raw = read_raw("r.txt", f" date 2021-05-05\nToday the CSTO Council of Foreign Ministers "
                            f"met.\n\n{sentence}\n".encode())
    draft = extract(raw)
    assert {c.code for c in draft.countries} <= {"AM", "BY"}
    assert draft.chair == {}
    assert draft.officials == []


def test_a_heading_above_the_text_is_no_part_of_the_chair():
    raw = read_raw("r.txt", " date 2021-05-05\nMinsk Hosts CSTO Foreign Ministers\n\n"
                            "Belarusian Foreign Minister Sergei Aleinik chaired the meeting of the "
                            "council.".encode())
    assert extract(raw).chair == {"name": "Sergei Aleinik", "position": "Foreign Minister",
                                  "country": "BY"}


@pytest.mark.parametrize("text", [
    "In favour: " + ", ".join(["Afghanistan Albania Bob"] * 3000) + ", who chaired the meeting.",
    " ".join(["Alpha"] * 20000) + " attended.",
    "The leaders, " * 5000 + "met.",
])
def test_long_lists_of_names_read_in_linear_time(text):
    import time

    started = time.perf_counter()
    extract(read_raw("r.txt", f" date 2021-05-05\nThe CSTO Council met today.\n\n{text}".encode()))
    assert time.perf_counter() - started < 10
