"""Texts the fixture site is written from: English and Arabic templates, names and places.

Templates use `str.format` slots that the generator fills once per article, so one article
talks consistently about one country, one city and one expert, while the large pools of
sentence templates make every article's paragraphs different. Everything is plain data: the
generator picks from these tuples with a seeded `random.Random`, never from sets or dicts
whose order could vary.

Arabic texts avoid characters outside windows-1256 (no Arabic-Indic digits), because one
article is served in that encoding.
"""
from __future__ import annotations

from dataclasses import dataclass

SITE_NAME = {"en": "Al-Fassel", "ar": "الفاصل"}
LANG_PATH = {"en": "en_GB", "ar": "ar"}
SECTIONS: tuple[str, ...] = ("security", "politics", "economy", "society")
SECTION_LABELS = {
    "en": {"security": "Security", "politics": "Politics", "economy": "Economy",
           "society": "Society"},
    "ar": {"security": "الأمن", "politics": "السياسة", "economy": "الاقتصاد",
           "society": "المجتمع"},
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "ar": ("كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيو", "تموز/يوليو", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"),
}


@dataclass(frozen=True, slots=True)
class Country:
    name_en: str
    adj_en: str
    name_ar: str
    cities: tuple[tuple[str, str], ...]     # (English, Arabic)


COUNTRIES: tuple[Country, ...] = (
    Country("Iraq", "Iraqi", "العراق", (
        ("Baghdad", "بغداد"), ("Basra", "البصرة"), ("Mosul", "الموصل"), ("Erbil", "أربيل"),
        ("Kirkuk", "كركوك"), ("Ramadi", "الرمادي"), ("Fallujah", "الفلوجة"),
        ("Najaf", "النجف"), ("Haditha", "حديثة"), ("Sulaimaniya", "السليمانية"))),
    Country("Syria", "Syrian", "سوريا", (
        ("Deir Ezzor", "دير الزور"), ("Raqqa", "الرقة"), ("Hasakeh", "الحسكة"),
        ("Aleppo", "حلب"), ("Idlib", "إدلب"), ("al-Bukamal", "البوكمال"),
        ("Qamishli", "القامشلي"))),
    Country("Yemen", "Yemeni", "اليمن", (
        ("Aden", "عدن"), ("Marib", "مأرب"), ("Taez", "تعز"), ("Hodeidah", "الحديدة"),
        ("Mukalla", "المكلا"), ("Shabwa", "شبوة"))),
    Country("Lebanon", "Lebanese", "لبنان", (
        ("Beirut", "بيروت"), ("Tripoli", "طرابلس"), ("Sidon", "صيدا"), ("Tyre", "صور"),
        ("Baalbek", "بعلبك"), ("Zahle", "زحلة"))),
    Country("Jordan", "Jordanian", "الأردن", (
        ("Amman", "عمان"), ("Zarqa", "الزرقاء"), ("Irbid", "إربد"), ("Aqaba", "العقبة"),
        ("Mafraq", "المفرق"))),
)


@dataclass(frozen=True, slots=True)
class Person:
    en: str
    ar: str
    role_en: str
    role_ar: str
    female: bool = False


EXPERTS: tuple[Person, ...] = (
    Person("Ghazi Faisal Hussein", "غازي فيصل حسين",
           "head of the Iraqi Center for Strategic Studies",
           "رئيس المركز العراقي للدراسات الاستراتيجية"),
    Person("Mahmoud al-Abdullah", "محمود العبدالله", "a political analyst", "المحلل السياسي"),
    Person("Rana Khalil", "رنا خليل", "an economist at Al-Mustansiriya University",
           "الخبيرة الاقتصادية في الجامعة المستنصرية", female=True),
    Person("Abdul Karim Hassan", "عبد الكريم حسن", "a retired army general",
           "اللواء المتقاعد"),
    Person("Fadi Nasser", "فادي ناصر", "a researcher at the Levant Policy Institute",
           "الباحث في معهد المشرق للسياسات"),
    Person("Huda al-Saadi", "هدى الساعدي", "a sociologist at the University of Baghdad",
           "أستاذة علم الاجتماع في جامعة بغداد", female=True),
    Person("Yasser Abu Hilala", "ياسر أبو هلالة", "a security expert", "الخبير الأمني"),
    Person("Nadia Mansour", "نادية منصور", "director of a local civil society organisation",
           "مديرة منظمة مجتمع مدني محلية", female=True),
    Person("Salem al-Zubaidi", "سالم الزبيدي", "a former member of parliament",
           "النائب السابق"),
    Person("Laith al-Hamdani", "ليث الحمداني", "an energy consultant", "مستشار شؤون الطاقة"),
)

OFFICIALS: tuple[Person, ...] = (
    Person("Lt. Col. Omar al-Jubouri", "المقدم عمر الجبوري",
           "a spokesman for the provincial police", "المتحدث باسم شرطة المحافظة"),
    Person("Brig. Gen. Tahsin al-Khafaji", "العميد تحسين الخفاجي",
           "a spokesman for the Joint Operations Command", "المتحدث باسم قيادة العمليات المشتركة"),
    Person("Saad Maan", "سعد معن", "head of the Security Media Cell", "رئيس خلية الإعلام الأمني"),
    Person("Dr. Ahmed Saleh", "الدكتور أحمد صالح", "a senior ministry official",
           "المسؤول الرفيع في الوزارة"),
    Person("Hisham al-Rikabi", "هشام الركابي", "a government spokesman", "المتحدث باسم الحكومة"),
    Person("Khalil Daoud", "خليل داود", "the deputy governor", "نائب المحافظ"),
)

GROUPS: tuple[tuple[str, str], ...] = (
    ("Kataib Hizbullah", "كتائب حزب الله"), ("Harakat al-Nujaba", "حركة النجباء"),
    ("ISIS", "تنظيم داعش"), ("the Houthi movement", "جماعة الحوثي"),
    ("al-Qaeda in the Arabian Peninsula", "تنظيم القاعدة في جزيرة العرب"),
    ("Sayed al-Shuhada", "كتائب سيد الشهداء"),
)

MINISTRIES = {
    "security": (("the Ministry of Interior", "وزارة الداخلية"),
                 ("the Ministry of Defence", "وزارة الدفاع")),
    "politics": (("the Council of Ministers", "مجلس الوزراء"),
                 ("the Ministry of Foreign Affairs", "وزارة الخارجية")),
    "economy": (("the Ministry of Finance", "وزارة المالية"),
                ("the Ministry of Planning", "وزارة التخطيط")),
    "society": (("the Ministry of Health", "وزارة الصحة"),
                ("the Ministry of Education", "وزارة التربية")),
}

# Reporters: (English name, Arabic name).
AUTHORS: tuple[tuple[str, str], ...] = (
    ("Anas al-Bar", "أنس البار"), ("Khalid al-Taie", "خالد الطائي"),
    ("Faris al-Omran", "فارس العمران"), ("Nohad Topalian", "نهاد طوباليان"),
    ("Rawan al-Hussein", "روان الحسين"), ("Walid Abu al-Khair", "وليد أبو الخير"),
    ("Sultan al-Barei", "سلطان البارعي"), ("Hadeel Ahmad", "هديل أحمد"),
    ("Mohammed Hussein", "محمد حسين"), ("Dana Haddad", "دانة حداد"),
)

# Photo credits: (English, Arabic); rendered in brackets after the caption.
CREDITS: tuple[tuple[str, str], ...] = (
    ("Ayman Henna/AFP", "أيمن حنا/وكالة الصحافة الفرنسية"),
    ("Ahmad al-Rubaye/AFP", "أحمد الربيعي/وكالة الصحافة الفرنسية"),
    ("Safin Hamed/AFP", "سافين حامد/وكالة الصحافة الفرنسية"),
    ("Haidar Hamdani/AFP", "حيدر حمداني/وكالة الصحافة الفرنسية"),
    ("Delil Souleiman/AFP", "دليل سليمان/وكالة الصحافة الفرنسية"),
    ("Al-Fassel", "الفاصل"),
    ("Ministry of Interior", "وزارة الداخلية"),
)


@dataclass(frozen=True, slots=True)
class SectionText:
    """Everything one section writes from, in one language."""

    headlines: tuple[str, ...]
    deks: tuple[str, ...]
    leads: tuple[str, ...]          # first-paragraph sentences
    sentences: tuple[str, ...]      # body sentences specific to the section
    quotes: tuple[str, ...]         # quoted speech (no quote marks), for quote paragraphs
    blockquotes: tuple[str, ...]    # standalone pull quotes, with their own quote marks
    subheads: tuple[str, ...]
    captions: tuple[str, ...]       # photo subjects: "{caption} in {city} on {date}."
    tags: tuple[str, ...]
    lists: tuple[tuple[str, tuple[str, ...]], ...]   # (intro paragraph, list items)


EN: dict[str, SectionText] = {
    "security": SectionText(
        headlines=(
            "{adj} forces seize weapons cache near {city}",
            "Iran-linked attacks on coalition base in {country} undermine government",
            "Cell linked to {group} dismantled in {city} after months of surveillance",
            "Security forces foil drone attack on {city} airport",
            "{adj} authorities tighten border controls after smuggling surge",
            "Drone strike near {city} raises fears of wider escalation",
            "Joint operation targets hideouts of {group} in desert west of {city}",
            "Officials warn that {group} is trying to regroup in {country}",
            "Police arrest {num} suspects over rocket launches near {city}",
        ),
        deks=(
            "Officials say the operation dealt a heavy blow to networks that have used the area to stage attacks.",
            "The incident comes amid growing concern over the activity of armed groups aligned with Iran.",
            "Analysts say the attacks are meant to drag {country} into a regional conflict it wants to avoid.",
            "Security officials told {site} that the suspects had been under surveillance for weeks.",
            "Residents of {city} say the heavier security presence has brought a measure of calm.",
            "The {adj} government has been swift to denounce the attack, stressing that it favours dialogue.",
        ),
        leads=(
            "{adj} security forces on {day} seized a large cache of weapons and explosives in an area north of {city}, officials said.",
            "The {adj} government has been swift to denounce recent attacks carried out on its soil, stressing that {country} does not want to get dragged into regional wars.",
            "A joint force backed by aircraft raided several hideouts used by {group} in the desert west of {city} on {day}, according to {ministry}.",
            "Police in {city} arrested {num} suspects accused of launching rockets at a military base, a senior security source told {site}.",
            "Air defences intercepted two drones approaching {city} airport late on {day}, the second such attempt in less than a month.",
            "Border guards in {country} have stepped up patrols along the frontier after a sharp rise in smuggling attempts, officials said.",
        ),
        sentences=(
            "The base, which houses personnel operating as part of the international coalition, came under attack on {day} and {day2}.",
            "Security forces identified the source of the fire and moved quickly towards it to seize the vehicle.",
            "They were able to seize {num} other missiles that were ready for launch and arrest a number of suspects.",
            "Authorities have ordered a comprehensive investigation of the attack.",
            "No group has so far claimed responsibility for the operation.",
            "The raid followed weeks of intelligence gathering, according to {official}, {official_role}.",
            "Investigators found maps, mobile phones and {num2} kilogrammes of explosives at the site.",
            "The suspects have been referred to the judiciary, {ministry} said in a statement.",
            "Checkpoints on the main road between {city} and {city2} were reinforced overnight.",
            "{group} has claimed responsibility for previous attacks targeting facilities housing foreign forces.",
            "The coalition of Iran-aligned militias includes {group} in addition to other, smaller groups.",
            "The attacks are an extension of a series of violations for which armed groups are responsible, observers say.",
            "Local officials said the area had been used as a transit route for weapons and fighters.",
            "Two members of the security forces were lightly wounded in an exchange of fire, the statement added.",
            "The operation was carried out with air support and lasted several hours.",
            "Drones have become the weapon of choice for groups seeking to strike without exposing their members.",
            "Residents reported hearing several explosions before dawn.",
            "Patrols along the frontier have been doubled since the start of the month.",
            "The seized weapons were transferred to a military depot in {city2} for examination.",
            "Officials did not give details on the nationalities of those detained.",
        ),
        quotes=(
            "We reject the reckless actions targeting bases, diplomatic missions and locations where international advisors are present",
            "The security forces will not allow anyone to threaten the stability of the country",
            "These groups are trying to prove that they still exist, but their capabilities have been greatly reduced",
            "Targeting our partners harms the partnership and the fight against terrorism",
            "The operation was the result of months of patient intelligence work",
            "We will pursue the perpetrators wherever they are",
            "The border is long and difficult, but cooperation with our neighbours has improved",
        ),
        blockquotes=(
            "\"We will not accept that the country's land be an arena for settling scores or be dragged into the scourge of wars and conflicts.\"",
            "\"Anything that would raise tension in the region, or drag the country into dangerous situations, is rejected.\"",
            "\"Security is not only the work of the army and police; it depends on the trust of citizens.\"",
        ),
        subheads=("'Reckless actions'", "A growing threat", "Intelligence work",
                  "Calls for restraint", "Border concerns", "Drones in the sky"),
        captions=(
            "{adj} soldiers stand guard at a checkpoint",
            "Members of the security forces inspect weapons seized during a raid",
            "Two US soldiers clear rubble at an air base",
            "A military vehicle patrols a road",
            "Border guards watch the frontier from an observation post",
        ),
        tags=("security", "armed groups", "drones", "border", "terrorism", "militias"),
        lists=(
            ("The items seized in the raid included:",
             ("{num} rocket launchers", "{num2} kilogrammes of explosives",
              "mobile phones and communication devices", "forged identity documents")),
            ("The new security measures include:",
             ("more checkpoints on the main roads", "night patrols in residential areas",
              "surveillance cameras at the entrances to {city}")),
        ),
    ),
    "politics": SectionText(
        headlines=(
            "{adj} parliament approves budget after weeks of wrangling",
            "Prime minister calls for dialogue as tensions rise in {city}",
            "Regional leaders meet in {city} to discuss border security",
            "Provincial elections in {country} set for autumn, commission says",
            "{adj} government rejects foreign interference in its affairs",
            "Lawmakers in {country} push for law regulating armed factions",
            "Delegation from {city} seeks federal support for reconstruction",
            "Election commission in {country} registers {num} new parties",
        ),
        deks=(
            "The vote ends a stalemate that had delayed salaries and investment projects.",
            "Observers say the talks are a test of the government's ability to keep rival factions on board.",
            "The move is widely seen as a message to neighbouring states that the government will defend its sovereignty.",
            "Politicians from across the spectrum say the reform is overdue, but disagree on how far it should go.",
            "Local leaders say {city} has been neglected for years and needs urgent help.",
        ),
        leads=(
            "Lawmakers in {country} on {day} approved the federal budget after weeks of disputes over the share of the provinces.",
            "The prime minister called on all parties to return to dialogue after protests in {city} turned violent on {day}.",
            "Officials from {num} countries gathered in {city} on {day} to discuss border security and the return of displaced people.",
            "The electoral commission in {country} announced on {day} that provincial elections will be held in the autumn.",
            "{ministry} summoned a foreign envoy on {day} to protest what it called interference in the country's internal affairs.",
        ),
        sentences=(
            "The session was attended by {num2} of the parliament's members, according to the speaker's office.",
            "Several blocs walked out before the vote, accusing the government of ignoring their demands.",
            "The budget includes funds for the reconstruction of areas liberated from ISIS.",
            "Negotiations between the main parties continued late into the night.",
            "The government says the law will strengthen the state's monopoly on weapons.",
            "Critics argue that the reform does not go far enough to curb the influence of armed factions.",
            "The commission said it had registered {num} new parties and more than {num2} candidates.",
            "Observers expect turnout to be higher than in the last elections.",
            "The statement stressed that {country} favours dialogue and good relations with all its neighbours.",
            "{official}, {official_role}, said the government would not accept any violation of its sovereignty.",
            "Members of the provincial council in {city} have repeatedly complained about delays in funding.",
            "The meeting ended with a joint statement calling for closer cooperation.",
            "Civil society groups have called for more transparency in the way public money is spent.",
            "The dispute has delayed the payment of salaries to thousands of public employees.",
            "Parliament is expected to discuss the draft law again next week.",
            "The prime minister met tribal leaders and local officials during his visit to {city}.",
            "Opposition politicians said the decision was taken without proper consultation.",
            "Diplomats said the talks had been frank and constructive.",
        ),
        quotes=(
            "Dialogue is the only way to solve our problems",
            "The government will not allow the country to become an arena for foreign conflicts",
            "This budget is a step forward, but its implementation is what matters",
            "Citizens want services, jobs and security, not slogans",
            "We need a law that puts all weapons under the authority of the state",
            "Our province has paid a high price and deserves its fair share",
        ),
        blockquotes=(
            "\"Sovereignty is not negotiable, and our relations with every state rest on mutual respect.\"",
            "\"The people of this country have had enough of crises; they want to see results.\"",
        ),
        subheads=("Weeks of wrangling", "Sovereignty first", "A test for the government",
                  "What comes next", "Local demands"),
        captions=(
            "Lawmakers attend a parliament session",
            "The prime minister speaks during a press conference",
            "Officials meet at the governorate building",
            "Election workers prepare ballot boxes",
        ),
        tags=("parliament", "elections", "government", "diplomacy", "sovereignty", "reform"),
        lists=(
            ("The main points of the agreement are:",
             ("a timetable for the payment of provincial budgets",
              "a joint committee to follow up on reconstruction",
              "regular meetings between the government and local officials")),
        ),
    ),
    "economy": SectionText(
        headlines=(
            "{adj} central bank moves to curb dollar smuggling",
            "Oil exports from {country} rise {pct} percent in July",
            "New border crossing near {city} expected to boost trade",
            "Farmers in {city} struggle as water shortages deepen",
            "{adj} government launches {amount} plan to rebuild power grid",
            "Small businesses in {city} count the cost of power cuts",
            "Investors eye {city} as reconstruction projects gather pace",
            "Fuel prices climb in {country} as subsidies are cut",
        ),
        deks=(
            "Economists say the measures could stabilise the currency but will hurt importers in the short term.",
            "The increase comes as the government tries to reduce its dependence on a single source of revenue.",
            "Traders hope the crossing will cut transport costs and create jobs in the area.",
            "Farmers say they have lost much of their harvest and fear they will have to leave their land.",
            "Officials promise fewer power cuts next summer, but residents remain sceptical.",
        ),
        leads=(
            "The central bank in {country} announced new restrictions on foreign currency transfers on {day}, in a bid to curb dollar smuggling.",
            "Oil exports from {country} rose {pct} percent last month, according to figures released by {ministry} on {day}.",
            "A new border crossing near {city} opened to commercial traffic on {day}, officials said.",
            "Farmers around {city} say they have lost up to {pct} percent of their crops this season because of water shortages.",
            "The government has approved a {amount} plan to rebuild the electricity grid, {official}, {official_role}, said on {day}.",
        ),
        sentences=(
            "The local currency has lost about {pct} percent of its value against the dollar since the start of the year.",
            "Importers will now have to register their transactions on an electronic platform.",
            "Revenue from oil accounts for the bulk of the state budget.",
            "The crossing is expected to handle up to {num2} lorries a day when it reaches full capacity.",
            "Water levels in the rivers have fallen to their lowest point in decades.",
            "Many families have already left their villages for the outskirts of {city}.",
            "Power cuts of up to {num} hours a day are common during the summer months.",
            "Shop owners in {city} say they spend a large part of their income on private generators.",
            "The plan includes the construction of new power stations and the repair of transmission lines.",
            "Several foreign companies have expressed interest in the projects, officials said.",
            "Prices of basic goods have risen sharply in the markets of {city}.",
            "The government says the subsidy cuts are needed to reduce the budget deficit.",
            "Economists warn that corruption remains a major obstacle to investment.",
            "The chamber of commerce in {city} welcomed the decision.",
            "Unemployment among young people remains high, especially in rural areas.",
            "The project will be financed through a loan of {amount}, according to {ministry}.",
            "Traders said the new rules had caused confusion in the market in the first days.",
            "Farmers have called on the authorities to compensate them for their losses.",
        ),
        quotes=(
            "These measures will protect the currency and the savings of citizens",
            "We cannot build an economy that depends only on oil",
            "The crossing will bring jobs and lower prices for everyone",
            "Without water there is no agriculture, and without agriculture there is no life in the countryside",
            "Investors need stability and clear rules before they commit their money",
            "The cost of living has become a heavy burden on families",
        ),
        blockquotes=(
            "\"Every hour without electricity is an hour of lost work and lost income.\"",
            "\"Reform is painful, but the cost of doing nothing would be much higher.\"",
        ),
        subheads=("Pressure on the currency", "Water crisis", "Hopes for trade",
                  "A long road to recovery", "Summer of power cuts"),
        captions=(
            "Traders count banknotes at a currency exchange shop",
            "Lorries queue at a border crossing",
            "A farmer inspects his dried-up field",
            "Workers repair power lines",
            "Shoppers buy vegetables at a market",
        ),
        tags=("economy", "oil", "currency", "trade", "agriculture", "electricity", "investment"),
        lists=(
            ("The new rules require importers to:",
             ("register every transfer on the electronic platform",
              "provide invoices from the supplier",
              "declare the final destination of the goods")),
            ("According to the plan, the government will:",
             ("build {num} new power stations", "repair transmission lines in {city}",
              "install meters in homes and shops")),
        ),
    ),
    "society": SectionText(
        headlines=(
            "Schools in {city} reopen after years of closure",
            "Volunteers restore old market in {city}",
            "Heatwave pushes {city} hospitals to the limit",
            "Displaced families return to villages near {city}",
            "Young women in {city} launch coding school",
            "Cultural festival returns to {city} after a decade",
            "Clean water project reaches {num} villages near {city}",
            "Football academy in {city} offers children an escape from war",
        ),
        deks=(
            "Parents say their children are finally able to learn in safety.",
            "The initiative has brought life back to a neighbourhood that was once deserted.",
            "Doctors warn that the health system cannot cope with the growing number of patients.",
            "Many returning families found their homes damaged and their fields overgrown.",
            "Organisers hope the project will give young people skills and a reason to stay.",
        ),
        leads=(
            "Hundreds of children in {city} returned to the classroom on {day}, after their schools had been closed for years.",
            "A group of volunteers in {city} has spent the past months restoring an old covered market.",
            "Hospitals in {city} received more than {num2} patients suffering from heat exhaustion on {day}, health officials said.",
            "Dozens of displaced families returned to their villages near {city} this month, local officials said.",
            "A group of young women in {city} has opened a school that teaches computer programming to girls.",
        ),
        sentences=(
            "The schools were rebuilt with the help of local donors and international organisations.",
            "Classes are still crowded, with up to {num2} pupils in some rooms.",
            "The market, built more than a century ago, was badly damaged during the fighting.",
            "Volunteers cleared the rubble by hand and repaired the roof with donated materials.",
            "Temperatures in {city} exceeded 50 degrees Celsius for several days in a row.",
            "{ministry} urged residents to stay indoors during the hottest hours of the day.",
            "Many of the returning families depend on aid to rebuild their homes.",
            "Local authorities have started clearing roads and restoring water and power lines.",
            "The school has trained {num2} students since it opened, according to its founders.",
            "Several graduates have found jobs with companies in {city2} and abroad.",
            "The festival features music, theatre and traditional crafts.",
            "Organisers said more than {num2} people attended the opening night.",
            "The water project was funded by international donors and carried out by local engineers.",
            "Before the project, women and children walked for hours to fetch water.",
            "The academy trains more than {num2} boys and girls between the ages of eight and 16.",
            "Parents say sport has helped their children deal with the trauma of war.",
            "Social workers say the needs of young people are often overlooked.",
            "The initiative started with a post on social media and quickly grew.",
        ),
        quotes=(
            "Our children have lost years of their lives, and we cannot let them lose more",
            "When people see the market alive again, they feel that the city is coming back",
            "We are working around the clock, but the number of patients keeps rising",
            "Home is home, even if it is damaged",
            "Girls can do anything if they are given the chance",
            "Culture is the best answer to those who wanted to destroy this city",
        ),
        blockquotes=(
            "\"Every school that reopens is a victory over those who wanted to keep our children in the dark.\"",
            "\"We did not wait for anyone; we started with our own hands.\"",
        ),
        subheads=("Back to school", "Hands of volunteers", "A health system under strain",
                  "Going home", "New skills", "Life returns"),
        captions=(
            "Pupils attend a class at a rebuilt school",
            "Volunteers repair a shop in the old market",
            "A nurse treats a patient at a hospital",
            "A displaced family returns to its village",
            "Children play football on a dirt pitch",
        ),
        tags=("education", "health", "culture", "displaced people", "youth", "water"),
        lists=(
            ("The project has provided:",
             ("clean drinking water for {num} villages", "training for local technicians",
              "new pipes and storage tanks")),
        ),
    ),
}

AR: dict[str, SectionText] = {
    "security": SectionText(
        headlines=(
            "القوات الأمنية تضبط مخبأ أسلحة قرب {city}",
            "هجمات الفصائل الموالية لإيران على قاعدة التحالف في {country} تقوض الحكومة",
            "تفكيك خلية تابعة ل{group} في {city} بعد أشهر من المراقبة",
            "إحباط هجوم بطائرة مسيرة على مطار {city}",
            "تشديد الرقابة على الحدود في {country} بعد تزايد عمليات التهريب",
            "غارة بطائرة مسيرة قرب {city} تثير مخاوف من تصعيد أوسع",
            "عملية مشتركة تستهدف مخابئ {group} في صحراء غرب {city}",
            "اعتقال {num} مشتبه بهم بإطلاق صواريخ قرب {city}",
        ),
        deks=(
            "قال مسؤولون إن العملية وجهت ضربة قوية للشبكات التي استخدمت المنطقة لشن الهجمات.",
            "يأتي الحادث وسط قلق متزايد من نشاط الجماعات المسلحة الموالية لإيران.",
            "يرى محللون أن الهجمات تهدف إلى جر {country} إلى صراع إقليمي يسعى إلى تجنبه.",
            "أكد مسؤولون أمنيون {to_site} أن المشتبه بهم كانوا تحت المراقبة منذ أسابيع.",
            "يقول سكان {city} إن تعزيز الانتشار الأمني أعاد قدرا من الهدوء.",
        ),
        leads=(
            "ضبطت القوات الأمنية في {day} مخبأ كبيرا للأسلحة والمتفجرات في منطقة تقع شمالي {city}، حسبما أفاد مسؤولون.",
            "سارعت الحكومة في {country} إلى إدانة الهجمات الأخيرة، مؤكدة أنها لا تريد الانجرار إلى حروب إقليمية.",
            "داهمت قوة مشتركة مدعومة بالطيران عدة مخابئ يستخدمها {group} في الصحراء غربي {city} في {day}، وفقا ل{ministry}.",
            "اعتقلت الشرطة في {city} {num} مشتبه بهم متهمين بإطلاق صواريخ على قاعدة عسكرية، حسبما ذكر مصدر أمني رفيع {to_site}.",
            "اعترضت الدفاعات الجوية طائرتين مسيرتين كانتا تقتربان من مطار {city} في وقت متأخر من {day}.",
        ),
        sentences=(
            "وتعرضت القاعدة التي تضم عناصر من التحالف الدولي لهجمات في {day} و{day2}.",
            "وحددت القوات الأمنية مصدر النيران وتحركت بسرعة لضبط العربة.",
            "وتمكنت القوات من ضبط {num} صواريخ أخرى كانت جاهزة للإطلاق واعتقال عدد من المشتبه بهم.",
            "وأمرت السلطات بإجراء تحقيق شامل في الهجوم.",
            "ولم تعلن أي جهة مسؤوليتها عن العملية حتى الآن.",
            "وجاءت المداهمة بعد أسابيع من جمع المعلومات الاستخبارية، بحسب {official}، {official_role}.",
            "وعثر المحققون في الموقع على خرائط وهواتف محمولة و{num2} كيلوغراما من المتفجرات.",
            "وأحيل المشتبه بهم إلى القضاء، بحسب بيان صادر عن {ministry}.",
            "وعززت نقاط التفتيش على الطريق الرئيسي بين {city} و{city2} خلال الليل.",
            "وسبق أن تبنى {group} هجمات استهدفت منشآت تضم قوات أجنبية.",
            "ويضم تحالف الفصائل الموالية لإيران {group} إضافة إلى جماعات أخرى أصغر.",
            "وأصيب عنصران من القوات الأمنية بجروح طفيفة خلال تبادل لإطلاق النار، بحسب البيان.",
            "ونفذت العملية بإسناد جوي واستمرت عدة ساعات.",
            "وأصبحت الطائرات المسيرة السلاح المفضل للجماعات التي تسعى إلى الضرب من دون تعريض عناصرها للخطر.",
            "وأفاد سكان بسماع عدة انفجارات قبل الفجر.",
            "وضوعفت الدوريات على طول الحدود منذ بداية الشهر.",
            "ونقلت الأسلحة المضبوطة إلى مستودع عسكري في {city2} لفحصها.",
            "ولم يكشف المسؤولون عن جنسيات الموقوفين.",
        ),
        quotes=(
            "نرفض الأعمال المتهورة التي تستهدف القواعد والبعثات الدبلوماسية ومواقع المستشارين الدوليين",
            "لن تسمح القوات الأمنية لأحد بتهديد استقرار البلاد",
            "تحاول هذه الجماعات أن تثبت أنها ما زالت موجودة، لكن قدراتها تراجعت كثيرا",
            "كانت العملية ثمرة أشهر من العمل الاستخباري الصبور",
            "سنلاحق الجناة أينما كانوا",
            "الحدود طويلة وصعبة، لكن التعاون مع جيراننا تحسن",
        ),
        blockquotes=(
            "\"لن نقبل بأن تكون أرض البلاد ساحة لتصفية الحسابات أو أن تنجر إلى ويلات الحروب والصراعات.\"",
            "\"الأمن ليس مسؤولية الجيش والشرطة وحدهما، بل يعتمد على ثقة المواطنين.\"",
        ),
        subheads=("أعمال متهورة", "تهديد متزايد", "عمل استخباري", "دعوات لضبط النفس",
                  "مخاوف على الحدود"),
        captions=(
            "جنود يقفون للحراسة عند نقطة تفتيش",
            "عناصر من القوات الأمنية يتفقدون أسلحة ضبطت خلال مداهمة",
            "جنديان أميركيان يزيلان الأنقاض في قاعدة جوية",
            "عربة عسكرية تقوم بدورية على أحد الطرق",
        ),
        tags=("الأمن", "الجماعات المسلحة", "الطائرات المسيرة", "الحدود", "الإرهاب", "الميليشيات"),
        lists=(
            ("وشملت المضبوطات:",
             ("{num} منصات لإطلاق الصواريخ", "{num2} كيلوغراما من المتفجرات",
              "هواتف محمولة وأجهزة اتصال", "وثائق هوية مزورة")),
        ),
    ),
    "politics": SectionText(
        headlines=(
            "البرلمان يقر الموازنة بعد أسابيع من الخلافات",
            "رئيس الوزراء يدعو إلى الحوار مع تصاعد التوتر في {city}",
            "قادة إقليميون يجتمعون في {city} لبحث أمن الحدود",
            "تحديد موعد الانتخابات المحلية في {country} في الخريف",
            "الحكومة في {country} ترفض التدخل الخارجي في شؤونها",
            "نواب يطالبون بقانون لتنظيم الفصائل المسلحة في {country}",
            "وفد من {city} يطلب دعما اتحاديا لإعادة الإعمار",
            "مفوضية الانتخابات في {country} تسجل {num} أحزاب جديدة",
        ),
        deks=(
            "ينهي التصويت جمودا أخّر صرف الرواتب والمشاريع الاستثمارية.",
            "يرى مراقبون أن المحادثات اختبار لقدرة الحكومة على إبقاء الأطراف المتنافسة في صفها.",
            "تعد الخطوة رسالة إلى دول الجوار بأن الحكومة ستدافع عن سيادتها.",
            "يقول سياسيون من مختلف الاتجاهات إن الإصلاح تأخر كثيرا، لكنهم يختلفون على مداه.",
            "يقول قادة محليون إن {city} أهملت لسنوات وتحتاج إلى مساعدة عاجلة.",
        ),
        leads=(
            "أقر النواب في {country} في {day} الموازنة الاتحادية بعد أسابيع من الخلافات حول حصص المحافظات.",
            "دعا رئيس الوزراء جميع الأطراف إلى العودة إلى الحوار بعد أن تحولت احتجاجات في {city} إلى أعمال عنف في {day}.",
            "اجتمع مسؤولون من {num} دول في {city} في {day} لبحث أمن الحدود وعودة النازحين.",
            "أعلنت مفوضية الانتخابات في {country} في {day} أن الانتخابات المحلية ستجري في الخريف.",
            "استدعت {ministry} في {day} مبعوثا أجنبيا احتجاجا على ما وصفته بالتدخل في الشؤون الداخلية للبلاد.",
        ),
        sentences=(
            "وحضر الجلسة {num2} نائبا، بحسب مكتب رئيس البرلمان.",
            "وانسحبت عدة كتل قبل التصويت متهمة الحكومة بتجاهل مطالبها.",
            "وتتضمن الموازنة أموالا لإعادة إعمار المناطق المحررة من تنظيم داعش.",
            "واستمرت المفاوضات بين الأطراف الرئيسية حتى ساعة متأخرة من الليل.",
            "وتقول الحكومة إن القانون سيعزز حصر السلاح بيد الدولة.",
            "ويرى منتقدون أن الإصلاح لا يذهب بعيدا بما يكفي للحد من نفوذ الفصائل المسلحة.",
            "وذكرت المفوضية أنها سجلت {num} أحزاب جديدة وأكثر من {num2} مرشحا.",
            "ويتوقع مراقبون أن تكون نسبة المشاركة أعلى من الانتخابات السابقة.",
            "وشدد البيان على أن {country} يفضل الحوار وحسن العلاقات مع جميع جيرانه.",
            "وأكد {official}، {official_role}، أن الحكومة لن تقبل بأي انتهاك لسيادتها.",
            "واشتكى أعضاء مجلس محافظة {city} مرارا من تأخر التمويل.",
            "واختتم الاجتماع ببيان مشترك يدعو إلى تعاون أوثق.",
            "وطالبت منظمات المجتمع المدني بمزيد من الشفافية في إنفاق المال العام.",
            "وأدى الخلاف إلى تأخير صرف رواتب آلاف الموظفين.",
            "ومن المتوقع أن يناقش البرلمان مشروع القانون مجددا الأسبوع المقبل.",
            "وقال سياسيون معارضون إن القرار اتخذ من دون تشاور كاف.",
        ),
        quotes=(
            "الحوار هو السبيل الوحيد لحل مشاكلنا",
            "لن تسمح الحكومة بأن تصبح البلاد ساحة لصراعات الآخرين",
            "هذه الموازنة خطوة إلى الأمام، لكن العبرة في التنفيذ",
            "يريد المواطنون الخدمات والوظائف والأمن، لا الشعارات",
            "نحتاج إلى قانون يضع كل السلاح تحت سلطة الدولة",
        ),
        blockquotes=(
            "\"السيادة ليست موضع تفاوض، وعلاقاتنا مع كل الدول تقوم على الاحترام المتبادل.\"",
            "\"سئم أبناء هذا البلد من الأزمات، وهم يريدون أن يروا نتائج.\"",
        ),
        subheads=("أسابيع من الخلافات", "السيادة أولا", "اختبار للحكومة", "الخطوات المقبلة"),
        captions=(
            "نواب يحضرون جلسة للبرلمان",
            "رئيس الوزراء يتحدث خلال مؤتمر صحافي",
            "مسؤولون يجتمعون في مبنى المحافظة",
            "موظفون في مفوضية الانتخابات يجهزون صناديق الاقتراع",
        ),
        tags=("البرلمان", "الانتخابات", "الحكومة", "الدبلوماسية", "السيادة", "الإصلاح"),
        lists=(
            ("وأبرز بنود الاتفاق:",
             ("جدول زمني لصرف موازنات المحافظات", "لجنة مشتركة لمتابعة الإعمار",
              "اجتماعات دورية بين الحكومة والمسؤولين المحليين")),
        ),
    ),
    "economy": SectionText(
        headlines=(
            "البنك المركزي يتحرك للحد من تهريب الدولار",
            "صادرات النفط في {country} ترتفع بنسبة {pct} بالمائة في تموز/يوليو",
            "منفذ حدودي جديد قرب {city} ينعش التجارة",
            "مزارعو {city} يعانون مع تفاقم شح المياه",
            "الحكومة تطلق خطة بقيمة {amount} لإعادة بناء شبكة الكهرباء",
            "أصحاب المشاريع الصغيرة في {city} يحصون خسائر انقطاع الكهرباء",
            "المستثمرون يتطلعون إلى {city} مع تسارع مشاريع الإعمار",
            "ارتفاع أسعار الوقود في {country} بعد خفض الدعم",
        ),
        deks=(
            "يقول خبراء اقتصاد إن الإجراءات قد تعيد الاستقرار إلى العملة لكنها ستضر بالمستوردين على المدى القصير.",
            "تأتي الزيادة فيما تسعى الحكومة إلى تقليص اعتمادها على مصدر واحد للإيرادات.",
            "يأمل التجار أن يخفض المنفذ تكاليف النقل ويوفر فرص عمل في المنطقة.",
            "يقول المزارعون إنهم خسروا جزءا كبيرا من محاصيلهم ويخشون أن يضطروا إلى ترك أراضيهم.",
            "يعد المسؤولون بانقطاعات أقل في الصيف المقبل، لكن السكان ما زالوا متشككين.",
        ),
        leads=(
            "أعلن البنك المركزي في {country} في {day} قيودا جديدة على تحويلات العملة الأجنبية بهدف الحد من تهريب الدولار.",
            "ارتفعت صادرات النفط في {country} بنسبة {pct} بالمائة الشهر الماضي، وفقا لأرقام نشرتها {ministry} في {day}.",
            "افتتح منفذ حدودي جديد قرب {city} أمام الحركة التجارية في {day}، بحسب مسؤولين.",
            "يقول مزارعون في محيط {city} إنهم خسروا ما يصل إلى {pct} بالمائة من محاصيلهم هذا الموسم بسبب شح المياه.",
            "أقرت الحكومة خطة بقيمة {amount} لإعادة بناء شبكة الكهرباء، حسبما قال {official}، {official_role}، في {day}.",
        ),
        sentences=(
            "وفقدت العملة المحلية نحو {pct} بالمائة من قيمتها أمام الدولار منذ بداية العام.",
            "وسيتعين على المستوردين من الآن تسجيل معاملاتهم على منصة إلكترونية.",
            "وتشكل إيرادات النفط الجزء الأكبر من موازنة الدولة.",
            "ومن المتوقع أن يستوعب المنفذ ما يصل إلى {num2} شاحنة يوميا عند تشغيله بكامل طاقته.",
            "وانخفضت مناسيب المياه في الأنهار إلى أدنى مستوى لها منذ عقود.",
            "وغادرت عائلات كثيرة قراها نحو أطراف {city}.",
            "وتعد انقطاعات الكهرباء لمدة تصل إلى {num} ساعات يوميا أمرا شائعا خلال أشهر الصيف.",
            "ويقول أصحاب المحال في {city} إنهم ينفقون جزءا كبيرا من دخلهم على المولدات الأهلية.",
            "وتشمل الخطة إنشاء محطات كهرباء جديدة وإصلاح خطوط النقل.",
            "وأبدت عدة شركات أجنبية اهتمامها بالمشاريع، بحسب مسؤولين.",
            "وارتفعت أسعار السلع الأساسية بشكل حاد في أسواق {city}.",
            "وتقول الحكومة إن خفض الدعم ضروري لتقليص عجز الموازنة.",
            "ويحذر خبراء اقتصاد من أن الفساد ما زال عقبة كبرى أمام الاستثمار.",
            "ورحبت غرفة تجارة {city} بالقرار.",
            "وما زالت البطالة بين الشباب مرتفعة، خصوصا في المناطق الريفية.",
            "وطالب المزارعون السلطات بتعويضهم عن خسائرهم.",
        ),
        quotes=(
            "هذه الإجراءات ستحمي العملة ومدخرات المواطنين",
            "لا يمكننا بناء اقتصاد يعتمد على النفط وحده",
            "سيجلب المنفذ فرص العمل وأسعارا أقل للجميع",
            "من دون ماء لا زراعة، ومن دون زراعة لا حياة في الريف",
            "يحتاج المستثمرون إلى الاستقرار وقواعد واضحة قبل أن يغامروا بأموالهم",
        ),
        blockquotes=(
            "\"كل ساعة من دون كهرباء هي ساعة من العمل والدخل الضائعين.\"",
            "\"الإصلاح مؤلم، لكن كلفة عدم القيام بشيء ستكون أعلى بكثير.\"",
        ),
        subheads=("ضغوط على العملة", "أزمة المياه", "آمال بانتعاش التجارة",
                  "طريق طويل نحو التعافي"),
        captions=(
            "تجار يعدون أوراقا نقدية في محل للصرافة",
            "شاحنات تصطف عند منفذ حدودي",
            "مزارع يتفقد حقله الجاف",
            "عمال يصلحون خطوط الكهرباء",
        ),
        tags=("الاقتصاد", "النفط", "العملة", "التجارة", "الزراعة", "الكهرباء"),
        lists=(
            ("وتلزم القواعد الجديدة المستوردين بما يلي:",
             ("تسجيل كل تحويل على المنصة الإلكترونية", "تقديم فواتير من المورد",
              "التصريح بالوجهة النهائية للبضائع")),
        ),
    ),
    "society": SectionText(
        headlines=(
            "إعادة فتح مدارس {city} بعد سنوات من الإغلاق",
            "متطوعون يرممون السوق القديمة في {city}",
            "موجة الحر تضع مستشفيات {city} تحت ضغط كبير",
            "عائلات نازحة تعود إلى قراها قرب {city}",
            "شابات في {city} يطلقن مدرسة لتعليم البرمجة",
            "مهرجان ثقافي يعود إلى {city} بعد عقد من الغياب",
            "مشروع للمياه النظيفة يصل إلى {num} قرى قرب {city}",
            "أكاديمية كرة قدم في {city} تمنح الأطفال متنفسا من الحرب",
        ),
        deks=(
            "يقول أولياء الأمور إن أطفالهم باتوا قادرين أخيرا على التعلم بأمان.",
            "أعادت المبادرة الحياة إلى حي كان مهجورا في السابق.",
            "يحذر أطباء من أن النظام الصحي لا يستطيع مواكبة العدد المتزايد من المرضى.",
            "وجدت عائلات عائدة كثيرة منازلها متضررة وحقولها مهملة.",
            "يأمل المنظمون أن يمنح المشروع الشباب مهارات وسببا للبقاء.",
        ),
        leads=(
            "عاد مئات الأطفال في {city} إلى مقاعد الدراسة في {day} بعد أن ظلت مدارسهم مغلقة لسنوات.",
            "أمضت مجموعة من المتطوعين في {city} الأشهر الماضية في ترميم سوق مسقوفة قديمة.",
            "استقبلت مستشفيات {city} أكثر من {num2} مريضا يعانون من الإجهاد الحراري في {day}، بحسب مسؤولين في قطاع الصحة.",
            "عادت عشرات العائلات النازحة إلى قراها قرب {city} هذا الشهر، حسبما قال مسؤولون محليون.",
            "افتتحت مجموعة من الشابات في {city} مدرسة تعلم الفتيات برمجة الحاسوب.",
        ),
        sentences=(
            "وأعيد بناء المدارس بمساعدة متبرعين محليين ومنظمات دولية.",
            "وما زالت الصفوف مكتظة، إذ يصل عدد التلاميذ في بعضها إلى {num2}.",
            "وكانت السوق التي بنيت قبل أكثر من قرن قد تضررت بشدة خلال المعارك.",
            "وأزال المتطوعون الأنقاض بأيديهم وأصلحوا السقف بمواد متبرع بها.",
            "وتجاوزت درجات الحرارة في {city} خمسين درجة مئوية لعدة أيام متتالية.",
            "ودعت {ministry} السكان إلى البقاء في منازلهم خلال ساعات الذروة.",
            "وتعتمد كثير من العائلات العائدة على المساعدات لإعادة بناء منازلها.",
            "وبدأت السلطات المحلية بتنظيف الطرق وإعادة خطوط المياه والكهرباء.",
            "ودربت المدرسة {num2} طالبة منذ افتتاحها، بحسب مؤسساتها.",
            "ووجدت عدة خريجات وظائف لدى شركات في {city2} وخارج البلاد.",
            "ويتضمن المهرجان عروضا موسيقية ومسرحية وحرفا تقليدية.",
            "وقال المنظمون إن أكثر من {num2} شخصا حضروا ليلة الافتتاح.",
            "ومول المشروع مانحون دوليون ونفذه مهندسون محليون.",
            "وقبل المشروع، كانت النساء والأطفال يمشون لساعات لجلب الماء.",
            "ويقول أولياء أمور إن الرياضة ساعدت أطفالهم على تجاوز صدمة الحرب.",
            "وبدأت المبادرة بمنشور على مواقع التواصل الاجتماعي وسرعان ما توسعت.",
        ),
        quotes=(
            "خسر أطفالنا سنوات من أعمارهم، ولا يمكننا أن ندعهم يخسرون المزيد",
            "عندما يرى الناس السوق تنبض بالحياة مجددا، يشعرون أن المدينة تعود",
            "نعمل على مدار الساعة، لكن عدد المرضى يواصل الارتفاع",
            "البيت هو البيت حتى لو كان متضررا",
            "تستطيع الفتيات فعل أي شيء إذا أتيحت لهن الفرصة",
        ),
        blockquotes=(
            "\"كل مدرسة يعاد فتحها انتصار على من أرادوا إبقاء أطفالنا في الظلام.\"",
            "\"لم ننتظر أحدا، بل بدأنا بأيدينا.\"",
        ),
        subheads=("العودة إلى المدرسة", "أيادي المتطوعين", "نظام صحي تحت الضغط",
                  "العودة إلى الديار", "مهارات جديدة"),
        captions=(
            "تلاميذ يحضرون درسا في مدرسة أعيد بناؤها",
            "متطوعون يرممون محلا في السوق القديمة",
            "ممرضة تعالج مريضا في أحد المستشفيات",
            "أطفال يلعبون كرة القدم في ملعب ترابي",
        ),
        tags=("التعليم", "الصحة", "الثقافة", "النازحون", "الشباب", "المياه"),
        lists=(
            ("ووفر المشروع ما يلي:",
             ("مياه شرب نظيفة لـ{num} قرى", "تدريب الفنيين المحليين",
              "أنابيب وخزانات جديدة")),
        ),
    ),
}

# Sentences any section may use.
GENERAL: dict[str, tuple[str, ...]] = {
    "en": (
        "The developments come at a sensitive time for {country}, which is trying to balance its relations with its neighbours.",
        "Residents of {city} said they hoped the authorities would follow through on their promises.",
        "{expert}, {expert_role}, said the situation required a coordinated response from all state institutions.",
        "Officials did not respond to requests for comment by the time of publication.",
        "The issue is expected to be discussed at the next cabinet meeting.",
        "Similar steps were taken last year in {city2}, with mixed results.",
        "Local media reported that the decision had been under discussion for several months.",
        "The announcement was welcomed by community leaders in {city}.",
        "International organisations have offered technical support, according to {ministry}.",
        "{He} pointed to the need for long-term planning rather than short-term fixes.",
        "The situation has improved compared with previous years, but challenges remain.",
        "Many people in {city} follow the news closely on social media.",
        "{official}, {official_role}, told {site} that more details would be announced in the coming days.",
        "Experts say the coming weeks will show whether the measures have a lasting effect.",
        "{His} comments echoed concerns raised by several members of parliament.",
        "The figures could not be independently verified.",
        "This is part of a wider strategy, {expert} said, adding that results would take time.",
        "A committee has been formed to follow up on the implementation.",
        "The authorities have promised to publish a full report.",
        "Observers say public trust will depend on how quickly the promises are kept.",
    ),
    "ar": (
        "وتأتي هذه التطورات في وقت حساس بالنسبة إلى {country} الذي يسعى إلى تحقيق التوازن في علاقاته مع جيرانه.",
        "وقال سكان في {city} إنهم يأملون أن تفي السلطات بوعودها.",
        "{saw} {expert}، {expert_role}، أن الوضع يتطلب استجابة منسقة من جميع مؤسسات الدولة.",
        "ولم يرد المسؤولون على طلبات التعليق حتى وقت النشر.",
        "ومن المتوقع أن تناقش المسألة في الاجتماع المقبل لمجلس الوزراء.",
        "واتخذت خطوات مماثلة العام الماضي في {city2} وجاءت نتائجها متفاوتة.",
        "وذكرت وسائل إعلام محلية أن القرار كان قيد النقاش منذ عدة أشهر.",
        "ورحب وجهاء المجتمع في {city} بالإعلان.",
        "وعرضت منظمات دولية تقديم الدعم الفني، بحسب {ministry}.",
        "{noted} إلى ضرورة التخطيط على المدى الطويل بدلا من الحلول المؤقتة.",
        "وتحسن الوضع مقارنة بالسنوات السابقة، لكن التحديات ما زالت قائمة.",
        "وذكر {official}، {official_role}، {to_site} أن مزيدا من التفاصيل سيعلن في الأيام المقبلة.",
        "ويقول خبراء إن الأسابيع المقبلة ستظهر ما إذا كانت الإجراءات ستترك أثرا دائما.",
        "ولم يتسن التحقق من الأرقام بشكل مستقل.",
        "وشكلت لجنة لمتابعة التنفيذ.",
        "ووعدت السلطات بنشر تقرير كامل.",
        "ويرى مراقبون أن ثقة الناس ستتوقف على سرعة الوفاء بالوعود.",
    ),
}

# Quote paragraphs: {quote} is the quoted speech; attribution varies.
QUOTE_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "\"{quote},\" {expert}, {expert_role}, told {site}.",
        "\"{quote},\" {he} said.",
        "\"{quote},\" {official}, {official_role}, said in a statement.",
        "\"{quote},\" said {expert}.",
        "\"{quote},\" {he} added.",
    ),
    "ar": (
        "و{said} {expert}، {expert_role}، {to_site}: \"{quote}\".",
        "{added}: \"{quote}\".",
        "وقال {official}، {official_role}، في بيان: \"{quote}\".",
        "{said} {expert}: \"{quote}\".",
    ),
}

# Edits made by DemoSite.edit_article when no paragraph is given.
UPDATE_NOTES: dict[str, tuple[str, ...]] = {
    "en": (
        "Update: Officials said on Saturday that the investigation was still under way.",
        "Update: A spokesman later confirmed the figures to {site}.",
        "Update: The authorities announced further measures after this article was published.",
    ),
    "ar": (
        "تحديث: قال مسؤولون إن التحقيق ما زال جاريا.",
        "تحديث: أكد متحدث رسمي الأرقام {to_site} في وقت لاحق.",
        "تحديث: أعلنت السلطات إجراءات إضافية بعد نشر هذا المقال.",
    ),
}

# Fixed interface texts, per edition.
UI: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home", "by": "By", "and": "and", "published": "Published", "updated": "Updated",
        "read_also": "Read also:", "share": "Share", "print": "Print", "tags": "Tags",
        "related": "Related articles", "like": "Do you like this article?", "yes": "Yes",
        "no": "No", "comment": "Leave a comment", "name": "Name *", "email": "Email *",
        "comment_label": "Comment *", "captcha": "Captcha *",
        "notify": "I want you to always post Al-Fassel notifications",
        "announce": "Is it possible for you to publish an announcement when Fassel is released?",
        "submit": "Submit", "cookies": "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
        "accept": "Accept", "privacy": "Privacy policy", "about": "About us", "contact": "Contact",
        "next": "Next", "prev": "Previous", "page": "Page", "of": "of", "most_read": "Most read",
        "latest": "Latest news", "sections": "Sections", "search": "Search",
        "advert": "Advertisement", "rights": "All rights reserved.", "newsletter": "Subscribe to our newsletter",
        "editors_pick": "Editor's pick", "from_archive": "From the archive",
        "not_found": "Page not found",
        "not_found_text": "Sorry, the page you are looking for does not exist or has been moved.",
        "other_edition": "العربية", "tagged": "Articles tagged", "feed": "RSS",
        "tagline": "News and analysis from the region",
    },
    "ar": {
        "home": "الرئيسية", "by": "بقلم", "and": "و", "published": "نشر في", "updated": "آخر تحديث",
        "read_also": "اقرأ أيضاً:", "share": "شارك", "print": "طباعة", "tags": "الكلمات المفتاحية",
        "related": "مقالات ذات صلة", "like": "هل أعجبك هذا المقال؟", "yes": "نعم", "no": "لا",
        "comment": "أضف تعليقا", "name": "الاسم *", "email": "البريد الإلكتروني *",
        "comment_label": "التعليق *", "captcha": "رمز التحقق *",
        "notify": "أريد أن تنشروا دائماً إشعارات الفاصل",
        "announce": "هل يمكنكم نشر إعلان عند صدور الفاصل؟",
        "submit": "إرسال", "cookies": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا. باستمرارك في التصفح فإنك توافق على ذلك.",
        "accept": "موافق", "privacy": "سياسة الخصوصية", "about": "من نحن", "contact": "اتصل بنا",
        "next": "التالي", "prev": "السابق", "page": "صفحة", "of": "من", "most_read": "الأكثر قراءة",
        "latest": "آخر الأخبار", "sections": "الأقسام", "search": "بحث",
        "advert": "إعلان", "rights": "جميع الحقوق محفوظة.", "newsletter": "اشترك في نشرتنا الإخبارية",
        "editors_pick": "اختيار المحرر", "from_archive": "من الأرشيف",
        "not_found": "الصفحة غير موجودة",
        "not_found_text": "عذرا، الصفحة التي تبحث عنها غير موجودة أو تم نقلها.",
        "other_edition": "English", "tagged": "مقالات بعنوان", "feed": "RSS",
        "tagline": "أخبار وتحليلات من المنطقة",
    },
}

TEXTS: dict[str, dict[str, SectionText]] = {"en": EN, "ar": AR}
