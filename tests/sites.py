# ruff: noqa: E501  (the stories are text, one line each)
"""Two invented news sites with their own boilerplate, as page templates.

``samples/pamir/`` (English) and ``samples/gorny/`` (Russian) were made
with :func:`write_samples` from the stories written out below; the tests use
the same templates with generated stories (:func:`random_stories`) to check
``newsdump learn`` on pages it has never seen.

What each page carries, the way real sites do: a menu and section headers
before the first article, a clock/weather/currency widget, a category label,
a timestamp and a view count beside each title, an image link repeating the
headline, share buttons, "Read more" links, an advertisement line and a
footer; on the Russian site, a byline (``Автор: Имя Фамилия``) under each
title. Every line a template adds around the stories is boilerplate
(:func:`boilerplate_lines` lists them for a page), every story line is
article text.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Story:
    category: str
    title: str
    paragraphs: tuple[str, ...]  # one (a teaser) on listing pages, several on an article page
    subheadings: tuple[int, ...] = ()  # indexes of paragraphs that are subheadings


@dataclass
class Page:
    text: str  # the page, lines joined by "\n", ending with a blank line
    boilerplate: list[str]  # the lines the template added (normalised)
    article_lines: list[str]  # titles and paragraphs of the stories


def _s(category: str, title: str, *paragraphs: str) -> Story:
    return Story(category, title, paragraphs)


PAMIR_CATEGORIES = ("Politics", "Economy", "Society", "Culture", "Sport")
PAMIR_STORIES = [
    _s(
        "Politics",
        "Parliament Debates New Water Code",
        "Deputies argued for six hours over who pays for repairs to the canals that feed the Vakhsh valley, and the vote was postponed...",
    ),
    _s(
        "Economy",
        "Cotton Growers Switch to Drip Irrigation",
        "Farmers in Khatlon say the new pipes halve the water they use, but the loans that pay for them are expensive...",
    ),
    _s(
        "Society",
        "Khorog Opens Its First Public Library in Decades",
        "Volunteers carried four thousand donated books up the valley road to fill the shelves before the opening.",
    ),
    _s(
        "Culture",
        "Falak Singers Gather in Kulob",
        "Musicians from twelve districts sang the old mountain laments at a festival that ran until dawn...",
    ),
    _s(
        "Sport",
        "Wrestlers Head to the Asian Championships",
        "The national team of nine left for Bishkek with two former medallists and a seventeen-year-old newcomer...",
    ),
    _s(
        "Economy",
        "Bread Prices Hold Steady After Harvest",
        "Bakers in the capital kept the price of a round loaf unchanged for a third month as flour deliveries recovered...",
    ),
    _s(
        "Politics",
        "Border Commission Meets After a Long Pause",
        "Surveyors from both sides will walk the disputed section of the road near Vorukh before winter closes the passes...",
    ),
    _s(
        "Society",
        "Night Buses Return to Dushanbe Streets",
        "Three routes now run until two in the morning, a change students and hospital staff had asked for.",
    ),
    _s(
        "Culture",
        "A Museum of Embroidery Finds a Home",
        "The collection of suzani that travelled between borrowed halls for years now fills a restored merchant house...",
    ),
    _s(
        "Sport",
        "Mountain Marathon Draws Record Field",
        "More than six hundred runners climbed to the lake at Iskanderkul in the race that finishes above two thousand metres...",
    ),
    _s(
        "Politics",
        "Mayors Ask for a Share of Tourist Tax",
        "Heads of five towns wrote to the finance ministry asking to keep half of what visitors pay for their stay...",
    ),
    _s(
        "Economy",
        "Apricot Exporters Find Buyers in the Gulf",
        "Dried fruit from Isfara reached shops in Dubai for the first time after a trade fair in the spring...",
    ),
    _s(
        "Society",
        "Village Schools Get Solar Panels",
        "Forty schools in the Rasht valley will no longer close on winter afternoons when the grid fails...",
    ),
    _s(
        "Culture",
        "Old Films Restored for a Winter Season",
        "The state film archive cleaned twelve reels from the sixties and will show them free every Sunday.",
    ),
    _s(
        "Sport",
        "Football League Adds Two Clubs",
        "Teams from Panjakent and Vahdat join the top division next season after winning their regional groups...",
    ),
    _s(
        "Politics",
        "Ombudsman Reports on Prison Visits",
        "Inspectors made forty unannounced visits this year and found overcrowding in two of them, the report says...",
    ),
    _s(
        "Economy",
        "Hydropower Plant Reaches Full Output",
        "All six turbines at the dam ran together for the first time, enough to light the southern provinces in winter...",
    ),
    _s(
        "Society",
        "Doctors Train Midwives in Remote Districts",
        "A mobile course reached women in villages three days' drive from the nearest maternity ward...",
    ),
    _s(
        "Culture",
        "Poets Read in Three Languages at Book Fair",
        "Readings in Tajik, Russian and Shughni filled the hall on the last evening of the fair...",
    ),
    _s(
        "Sport",
        "Young Chess Players Win Regional Title",
        "A team of four schoolchildren from Khujand beat older rivals in a final that went to a tie-break...",
    ),
    _s(
        "Politics",
        "New Rules for Election Observers Published",
        "Observers will be allowed to film the count in every polling station under the rules released on Monday...",
    ),
    _s(
        "Economy",
        "Small Traders Move to Card Payments",
        "Market stalls in the capital report that one sale in five is now paid by card rather than cash...",
    ),
    _s(
        "Society",
        "Snow Leopards Counted by Camera Traps",
        "Rangers set up ninety cameras in the Zorkul reserve and photographed at least eleven different animals...",
    ),
    _s(
        "Culture",
        "Theatre Stages a Comedy by a Local Author",
        "The play about a wedding that goes wrong sold out its first week at the Lohuti theatre.",
    ),
    _s(
        "Sport",
        "Boxing Gym Opens in a Former Factory",
        "The old textile mill in Hisor now trains two hundred boys and girls after a year of repairs...",
    ),
    _s(
        "Economy",
        "Railway Freight Grows Along the Southern Line",
        "Wagons carrying cement and coal to the border crossing rose by a quarter compared with last year...",
    ),
    _s(
        "Politics",
        "Regional Councils to Publish Their Budgets",
        "From January every district will post its spending online, the deputy minister told reporters...",
    ),
    _s(
        "Society",
        "Volunteers Clean the Banks of the Varzob",
        "Hundreds of residents collected plastic along the river in a weekend organised by a student club.",
    ),
    _s(
        "Culture",
        "Carpet Weavers Revive Natural Dyes",
        "A cooperative in Istaravshan grows madder and walnut again to colour its wool the old way...",
    ),
    _s(
        "Sport",
        "Ski Slope Near Safedob Ready for Season",
        "The lift was repaired and two new runs were cut, the resort said, ahead of the first snowfall...",
    ),
]

GORNY_CATEGORIES = ("Экономика", "Общество", "Культура", "Спорт")
GORNY_STORIES = [
    _s(
        "Экономика",
        "В Нарыне открылся рынок шерсти",
        "Скупщики из трёх областей приехали на первые торги, цены оказались выше прошлогодних…",
    ),
    _s(
        "Общество",
        "Сельские клубы получат новые крыши",
        "Ремонт сорока клубов в горных сёлах закончат до снега, пообещали в районной администрации…",
    ),
    _s(
        "Культура",
        "Акыны встретились на берегу Иссык-Куля",
        "Импровизаторы из пяти областей состязались два дня, победителя выбирали зрители.",
    ),
    _s(
        "Спорт",
        "Конные игры соберут команды из шести стран",
        "Финал кок-бору пройдёт на новом ипподроме, билеты раскупили за неделю…",
    ),
    _s(
        "Экономика",
        "Фермеры Таласа собрали рекордный урожай фасоли",
        "Закупщики готовы забрать весь урожай, но склады уже переполнены…",
    ),
    _s(
        "Общество",
        "В Оше запустили электронную очередь в поликлиниках",
        "Записаться к врачу теперь можно по телефону, а талоны отменят к весне…",
    ),
    _s(
        "Культура",
        "Музей в Караколе показал забытые фотографии",
        "Снимки экспедиции начала прошлого века нашли в архиве и оцифровали студенты.",
    ),
    _s(
        "Спорт",
        "Юные борцы привезли шесть медалей",
        "Сборная школьников выступила на турнире в Алматы лучше, чем ожидали тренеры…",
    ),
    _s(
        "Экономика",
        "Мост через Чу откроют для грузовиков",
        "После ремонта опор по мосту снова пойдут фуры с углём и цементом…",
    ),
    _s(
        "Общество",
        "Горные школы переходят на пятидневку",
        "Родители поддержали решение, но просят продлить работу продлёнки…",
    ),
    _s(
        "Культура",
        "Библиотеке в Балыкчи подарили тысячу книг",
        "Книги собрали выпускники, которые давно живут в других городах.",
    ),
    _s(
        "Спорт",
        "Лыжная база в Чон-Таше готова к сезону",
        "На склоне установили новый подъёмник и расширили две трассы…",
    ),
    _s(
        "Экономика",
        "Пекари просят отсрочить рост тарифов",
        "Владельцы пекарен говорят, что дорогой газ поднимет цену хлеба на треть…",
    ),
    _s(
        "Общество",
        "Волонтёры отремонтировали дорогу к пастбищам",
        "Чабаны трёх сёл месяц засыпали ямы и укрепляли склоны без помощи техники…",
    ),
    _s(
        "Культура",
        "Театр кукол едет по отдалённым сёлам",
        "Артисты покажут сказку о храбром пастухе в двадцати сёлах до Нового года…",
    ),
    _s(
        "Спорт", "Альпинисты поднялись на безымянную вершину", "Группа из четырёх человек дала пику имя своего учителя…"
    ),
    _s(
        "Экономика",
        "Туристы стали чаще ночевать в юртах",
        "Хозяева гостевых юрт на Сон-Куле насчитали вдвое больше гостей, чем год назад…",
    ),
    _s(
        "Общество",
        "В Токмоке открыли центр для пожилых людей",
        "В центре можно пообедать, позаниматься гимнастикой и научиться пользоваться телефоном.",
    ),
    _s(
        "Культура",
        "Мастерицы показали войлочные ковры",
        "Выставка ширдаков продлится до конца месяца, часть работ продают…",
    ),
    _s(
        "Спорт",
        "Футбольный клуб из Джалал-Абада вышел в финал кубка",
        "Решающий мяч забил девятнадцатилетний защитник на последней минуте…",
    ),
    _s(
        "Экономика",
        "Пчеловоды жалуются на холодную весну",
        "Мёда в этом году соберут меньше, зато он будет дороже, считают на рынке…",
    ),
    _s(
        "Общество",
        "Студенты построили метеостанцию в селе",
        "Данные станции теперь видят фермеры всей долины и планируют по ним полив…",
    ),
    _s(
        "Культура",
        "Оркестр народных инструментов отметил юбилей",
        "Концерт в филармонии длился три часа, в зале не осталось свободных мест.",
    ),
    _s(
        "Спорт",
        "Турнир по шахматам прошёл в горном селе",
        "Сорок игроков всех возрастов сыграли девять туров за выходные…",
    ),
]
# The Russian site's article page (the last page of its sample): one story in full.
GORNY_ARTICLE = Story(
    "Общество",
    "Как живёт село, отрезанное от дороги зимой",
    (
        "Каждый год с декабря по март единственная дорога в село закрыта снегом, и жители рассчитывают только на себя.",
        "Запасы муки, угля и лекарств завозят осенью, а если их не хватает, за помощью идут пешком через перевал.",
        "Школа и фельдшер",
        "В школе учатся двенадцать детей, уроки ведут три учительницы, одна из них приехала из Бишкека по распределению.",
        "Фельдшер принимает больных у себя дома и держит связь с районной больницей по спутниковому телефону.",
        "Что обещают власти",
        "В районе говорят, что тоннель под перевалом начнут строить через два года, если найдутся деньги.",
        "Жители к таким обещаниям привыкли и готовятся к новой зиме как обычно.",
    ),
    (2, 5),
)

_EN_MONTHS = list(calendar.month_name)[1:]
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
_RU_DAYS = ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]


def _views(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


class _PageLines:
    """A page being written: its lines, its boilerplate lines (as the parser
    sees them) and its article text."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.bp: list[str] = []
        self.art: list[str] = []

    def boilerplate(self, line: str) -> None:
        self.bp.append(" ".join(line.split()))  # as the parser sees it
        self.out.append(line)

    def done(self) -> Page:
        return Page("\n".join(self.out) + "\n", self.bp, self.art)


def pamir_page(day: int, month: int, first: int, total: int, stories: list[Story], rng: random.Random) -> Page:
    """A listing page of the Pamir Courier (English)."""
    page = _PageLines()
    b, out, art = page.boilerplate, page.out, page.art

    b("THE PAMIR COURIER")
    b("Home | Politics | Economy | Society | Culture | Sport | Opinion")
    b("Subscribe   Log in")
    b(
        f"Dushanbe {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} | {rng.randint(-15, 35):+d} °C | USD {rng.uniform(10, 12):.2f} | EUR {rng.uniform(11, 13):.2f}"
    )
    out.append("")
    weekday = _EN_DAYS[(day + month) % 7]
    out.append(f"{weekday}, {day} {_EN_MONTHS[month - 1]} 2026")
    out.append(f"Stories {first}–{first + len(stories) - 1} of {_views(total, ',')}")
    out.append("")
    b("LATEST NEWS")
    out.append("")
    for i, story in enumerate(stories):
        if i % 2 == 0:  # an image link carrying the headline
            out.append(story.title)
        b(story.category)
        b(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} · {_views(rng.randint(80, 25000), ',')} views")
        out.append(story.title)
        art.append(story.title)
        out.append("")
        for paragraph in story.paragraphs:
            out.append(paragraph)
            art.append(paragraph)
            out.append("")
        b("Read more")
        b("Share: Facebook | Telegram | X | WhatsApp")
        out.append("")
        if i == 2:
            b("Advertisement")
            out.append("")
    b("© 2011–2026 The Pamir Courier. All rights reserved.")
    b("About us | Contacts | Advertising | Privacy")
    out.append("")
    return page.done()


GORNY_AUTHORS = ("Айгуль Осмонова", "Бакыт Жумабаев", "Нурлан Токтогулов", "Элеонора Ким", "Данияр")


def gorny_page(day: int, month: int, first: int, total: int, stories: list[Story], rng: random.Random) -> Page:
    """A listing page of «Горный курьер» (Russian); with one story and no
    result line, the story's article page."""
    page = _PageLines()
    b, out, art = page.boilerplate, page.out, page.art

    b("ГОРНЫЙ КУРЬЕР")
    b("новости высокогорья")
    for item in ("Главная", "Новости", "Экономика", "Общество", "Культура", "Спорт", "Фото"):
        b(item)
    out.append("")
    b(f"Курсы: $ {rng.uniform(85, 90):.2f} € {rng.uniform(92, 99):.2f} ₽ {rng.uniform(0.9, 1.1):.2f}".replace(".", ","))
    lo = rng.randint(-20, 10)
    b(f"Нарын: {lo:+d}…{lo + rng.randint(2, 9):+d} °C")
    out.append("")
    out.append(f"{_RU_DAYS[(day + month) % 7]}, {day} {_RU_MONTHS[month - 1]} 2026 г.")
    listing = len(stories) > 1
    if listing:
        out.append(f"Материалы {first}–{first + len(stories) - 1} из {_views(total, ' ')}")
    out.append("")
    for i, story in enumerate(stories):
        b(story.category.upper())
        out.append(story.title)  # the image link
        out.append(story.title)
        art.append(story.title)
        out.append(f"Автор: {GORNY_AUTHORS[sum(map(ord, story.title)) % len(GORNY_AUTHORS)]}")  # a byline
        b(
            f"{day:02d}.{month:02d}.2026, {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} | Просмотров: {_views(rng.randint(50, 30000), ' ')}"
        )
        out.append("")
        for j, paragraph in enumerate(story.paragraphs):
            out.append(paragraph)
            art.append(paragraph)
            out.append("")
            if not listing and j == 3:
                b("Реклама")
                out.append("")
        if listing:
            b("Подробнее →")
        b("Поделиться: ВКонтакте · Telegram · WhatsApp · Одноклассники")
        out.append("")
        if listing and i == 1:
            b("Реклама")
            out.append("")
    b("© 2008–2026 «Горный курьер». Все права защищены.")
    b("Перепечатка материалов только со ссылкой на источник.")
    b("Реклама на сайте | Контакты | О редакции")
    out.append("")
    return page.done()


SITES = {"pamir": (pamir_page, PAMIR_STORIES, 5, 2310), "gorny": (gorny_page, GORNY_STORIES, 4, 1250)}


def sample_pages(site: str) -> list[Page]:
    """The committed sample's pages: the written stories, a page of them at a time."""
    make, stories, per_page, total = SITES[site]
    rng = random.Random(site)
    pages = []
    for k in range(0, len(stories), per_page):
        pages.append(make(20 - k // per_page, 11, k + 1, total, stories[k : k + per_page], rng))
    if site == "gorny":
        pages.append(make(14, 11, 1, total, [GORNY_ARTICLE], rng))
    return pages


_EN_WORDS = [
    "river",
    "valley",
    "council",
    "farmers",
    "winter",
    "school",
    "road",
    "bridge",
    "market",
    "festival",
    "museum",
    "grain",
    "border",
    "station",
    "teachers",
    "doctors",
    "miners",
    "villages",
    "pasture",
    "workshop",
    "orchard",
    "library",
    "tunnel",
    "harvest",
    "herders",
    "lake",
    "railway",
]
_RU_WORDS = [
    "река",
    "долина",
    "совет",
    "фермеры",
    "зима",
    "школа",
    "дорога",
    "мост",
    "рынок",
    "праздник",
    "музей",
    "зерно",
    "граница",
    "станция",
    "учителя",
    "врачи",
    "шахтёры",
    "сёла",
    "пастбище",
    "мастерская",
    "сад",
    "библиотека",
    "тоннель",
    "урожай",
    "чабаны",
    "озеро",
    "железная",
    "дорога",
]


def random_stories(site: str, count: int, rng: random.Random) -> list[Story]:
    """Stories never seen in the samples, from a word list, for the site's
    listing pages (a title and a teaser each)."""
    words = _RU_WORDS if site == "gorny" else _EN_WORDS
    categories = GORNY_CATEGORIES if site == "gorny" else PAMIR_CATEGORIES
    stories = []
    for _ in range(count):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize()
        teaser = " ".join(rng.choice(words) for _ in range(rng.randint(9, 30))) + rng.choice([".", "...", "…"])
        stories.append(Story(rng.choice(categories), f"{title} {rng.randint(2, 999)}", (teaser.capitalize(),)))
    return stories


def random_pages(site: str, pages: int, seed: int) -> list[Page]:
    """``pages`` listing pages of the site with generated stories."""
    make, _, per_page, total = SITES[site]
    rng = random.Random(seed)
    out = []
    for k in range(pages):
        stories = random_stories(site, rng.randint(2, per_page + 2), rng)
        out.append(make(rng.randint(1, 28), rng.randint(1, 12), k * per_page + 1, total, stories, rng))
    return out


def write_samples() -> None:
    """Write samples/pamir/ and samples/gorny/, one file per page as a scrape
    of a site without a ticker is saved (a file without a ticker is one
    page). Run once; the files are reviewed and committed."""
    for site in SITES:
        folder = ROOT / "samples" / site
        folder.mkdir(exist_ok=True)
        for i, page in enumerate(sample_pages(site), 1):
            (folder / f"page-{i:02d}.txt").write_text(page.text, encoding="utf-8")


if __name__ == "__main__":
    write_samples()
