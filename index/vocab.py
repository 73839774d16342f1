"""Domain vocabulary: the one place where words carry meaning for parsing.

General English and general enforcement-statistics vocabulary only. Nothing here names
a particular article, person or figure; adding an article never needs a change here.
"""

from __future__ import annotations

# --- sentence splitting -------------------------------------------------------------------
TITLE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Cmdr Adm Prof Rev Hon Pres Supt Det Insp Atty St Mt Ft".split()
)
MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
OTHER_ABBREVIATIONS = frozenset("Inc Corp Co Ltd Jr Sr vs etc Ave Blvd Dept Univ approx est".split())
SENTENCE_STARTERS = frozenset(
    """The A An This That These Those It Its He She They We I You His Her Their Our But And Yet So
    In On At For As If When While After Before Since Although Though However Meanwhile Still Also
    There Here Some Many Most All Each Every No One Two Officials Critics""".split()
)

# --- numbers ------------------------------------------------------------------------------
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

# Qualifiers, longest first so "just under" wins over "under".
QUALIFIERS: dict[str, str] = {
    "slightly more than": "lower_bound", "slightly less than": "upper_bound",
    "just more than": "lower_bound", "just over": "lower_bound", "just under": "upper_bound",
    "just shy of": "upper_bound", "more than": "lower_bound", "greater than": "lower_bound",
    "at least": "lower_bound", "upwards of": "lower_bound", "in excess of": "lower_bound",
    "over": "lower_bound", "above": "lower_bound", "exceeding": "lower_bound",
    "less than": "upper_bound", "fewer than": "upper_bound", "under": "upper_bound",
    "below": "upper_bound", "up to": "upper_bound", "at most": "upper_bound", "no more than": "upper_bound",
    "nearly": "approximate", "almost": "approximate", "about": "approximate",
    "around": "approximate", "roughly": "approximate", "approximately": "approximate",
    "some": "approximate", "an estimated": "approximate", "estimated": "approximate",
    "close to": "approximate", "nearly a": "approximate",
}

PERCENT_WORDS = ("percent", "per cent", "percentage points", "%")
MONEY_WORDS = ("$", "dollars", "usd")
DURATION_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades".split()
)
# Units a size is stated in ("the 212-mile canal", "12 feet tall"): what "how long is", "how tall",
# "how far" ask for when they do not ask for a time.
MEASURE_UNITS = ("mile", "miles", "foot", "feet", "ft", "inch", "inches", "yard", "yards", "meter", "meters", "metre",
                 "metres", "kilometer", "kilometers", "kilometre", "kilometres", "km", "acre", "acres", "hectare",
                 "hectares", "square", "pound", "pounds", "lb", "lbs", "kilogram", "kilograms", "kg", "ton", "tons",
                 "tonne", "tonnes", "gallon", "gallons", "liter", "liters", "litre", "litres")
# "how tall are the bollards", "how long is the border": a size, not a count or a time
# ("how big", "how large" ask an amount as often as a size: "how big was the provision?")
MEASURE_QUESTION = ("long", "tall", "high", "far", "wide", "deep", "heavy")
AGE_WORDS = ("years old", "year-old", "-year-old", "aged")

# --- periods ------------------------------------------------------------------------------
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
FISCAL_WORDS = ("fiscal year", "fiscal", "fy")
# Words that join clauses ("even though", "because"): they say how, not what a figure measures.
CONJUNCTIONS = frozenset("though although because despite whereas whether unless however meanwhile".split())
# Words that place a figure in time ("last week", "on Tuesday", "during"): when, not what it measures.
TIME_WORDS = frozenset("""week weeks weekend last earlier later ago yesterday today tonight recently previous following
    during while period same monday tuesday wednesday thursday friday saturday sunday""".split())
# Words that place a question at the time of writing ("the current fee", "now"): the period asked
# about, which the article's date answers, not something a figure must be described by.
NOW_WORDS = frozenset("current currently now presently nowadays".split())
# Words that put what a clause says after the article's date ("if he wins in November", "plans
# to act in March"): a month named alone there is the next such month, not the last.
FUTURE_CUES = ("will", "would", "shall", "'ll", "plan", "plans", "planned", "intend", "intends", "expect", "expects",
               "expected", "scheduled", "set to", "due to", "next", "upcoming", "coming", "if", "unless", "once")
# Irregular past tenses: the verb that ends a noun phrase ("350 miles went up") as "-ed" does.
IRREGULAR_PAST = frozenset("""went came rose fell grew took got made gave left kept held saw found sent spent paid built
    brought began ran stood won lost met sold told thought fought bought caught drew drove flew hid led rode shot
    sought struck swore threw understood wore wrote""".split())
# Words that place a figure before, during or after an event: "A before the pause, B during it".
TIME_RELATIONS = frozenset("before after during since until".split())
THIS_YEAR_WORDS = ("this year", "the past year", "the last fiscal year", "the past fiscal year", "this fiscal year", "last year")

# --- counted things -------------------------------------------------------------------------
# canonical thing -> words (stems) that name it, in text or in a question.
THINGS: dict[str, tuple[str, ...]] = {
    "deportations": ("deportation", "deported", "deport", "deporting", "deportee"),
    "removals": ("removal", "removed", "remove", "removing"),
    "returns": ("return", "returned", "returning"),
    "apprehensions": ("apprehension", "apprehended", "apprehend", "arrest", "arrested", "arrests", "caught"),
    "requests refused": ("refused", "refuse", "refusing", "refusal", "refusals", "declined", "rejected", "ignored"),
    "detainers": ("detainer", "held", "holding", "hold", "holds", "detained", "detention", "detentions"),
    "jurisdictions": ("jurisdiction", "jurisdictions", "county", "counties", "cities", "city"),
    "convictions": ("convicted", "conviction", "criminal", "criminals", "crime", "crimes", "offense", "offenses",
                    "felonies", "felony", "misdemeanors"),
    "migration": ("migration", "migrants", "crossings", "arrivals"),
    "families": ("family", "families"),
    "votes": ("vote", "votes", "voters"),
    "people": ("people", "persons", "individuals", "immigrants", "aliens", "noncitizens"),
}
# Things that are kinds of another: a question about the general one may be answered by the
# specific one only with a warning, never silently.
THING_PARENTS: dict[str, str] = {"removals": "deportations", "returns": "deportations"}

# --- actors ---------------------------------------------------------------------------------
# canonical actor -> names, longest first within each entry.
ACTORS: dict[str, tuple[str, ...]] = {
    "DHS": ("Department of Homeland Security", "Homeland Security", "DHS"),
    "ICE": ("U.S. Immigration and Customs Enforcement", "Immigration and Customs Enforcement", "ICE"),
    "CBP": ("U.S. Customs and Border Protection", "Customs and Border Protection", "Customs and Border", "CBP"),
    "Border Patrol": ("U.S. Border Patrol", "Border Patrol"),
    "USCIS": ("U.S. Citizenship and Immigration Services", "Citizenship and Immigration Services", "USCIS"),
    "DOJ": ("Department of Justice", "Justice Department", "DOJ"),
    "EOIR": ("Executive Office for Immigration Review", "EOIR", "immigration courts"),
    "local police": ("local and state police", "local police", "state police", "police departments",
                     "sheriff's offices", "law enforcement agencies", "police"),
}
# Actors contained in another for counting purposes (a question about the parent may use the child
# with a note).
ACTOR_PARENTS: dict[str, str] = {"ICE": "DHS", "CBP": "DHS", "Border Patrol": "CBP", "USCIS": "DHS", "EOIR": "DOJ"}

# --- questions ----------------------------------------------------------------------------
NUMERIC_CUES = ("how many", "how much", "number of", "what number", "count of", "total", "figure")
SHARE_CUES = ("what share", "what percent", "what percentage", "what proportion", "what fraction",
              "share", "percentage", "proportion", "fraction", "what part")
DIFFERENCE_CUES = ("how many more", "how many fewer", "how much more", "how much less", "how much lower",
                   "how much higher", "difference", "gap between", "fall by", "drop by",
                   "rise by", "increase by", "decrease by", "how far")
CHANGE_CUES = ("percent change", "percentage change", "by what percent", "by how many percent", "growth rate",
               "change from", "change between", "changed") + tuple(
    f"{p} {w}" for p in ("percent", "percentage", "per cent") for w in
    ("increase", "decrease", "rise", "drop", "fall", "growth", "decline", "jump", "gain"))
SUM_CUES = ("combined", "sum of", "together", "altogether", "add up", "total of those", "total of these",
            "total of the two", "those two", "both together")
RATIO_CUES = ("how many times", "ratio", "times as many", "times more")
# Words that say which way a figure moved.
# Past-tense verbs that state a change right before its size ("rose 14 percent", "fell by 300").
CHANGE_VERBS = ("rose", "fell", "grew", "shrank", "increased", "decreased", "dropped", "declined", "jumped", "climbed",
                "slipped", "plunged", "soared", "surged", "gained", "lost")
FALL_WORDS = ("fall", "fell", "fallen", "drop", "dropped", "decline", "declined", "decrease", "decreased", "shrink",
              "shrank", "lower", "fewer", "less", "down", "cut", "reduce", "reduced")
RISE_WORDS = ("rise", "rose", "risen", "grow", "grew", "grown", "growth", "increase", "increased", "climb", "climbed",
              "jump", "jumped", "higher", "more", "up")
# More verbs of a fall or a rise, and comparatives that say no move by themselves: which way a
# quoted cause says something moved ("why did crossings fall?")
MORE_FALL_WORDS = ("plunged", "slipped", "decline", "shrank")
MORE_RISE_WORDS = ("soared", "surged", "jumped", "climbed")
COMPARATIVE_WORDS = ("more", "less", "fewer", "up", "down", "higher", "lower", "cut")
# Words that name a calculation rather than a figure: an operand need not account for them.
OPERATION_WORDS = frozenset(w for cues in (SHARE_CUES, DIFFERENCE_CUES, CHANGE_CUES, SUM_CUES, RATIO_CUES)
                            for cue in cues for w in cue.split()) | set(FALL_WORDS) | set(RISE_WORDS) | {
    "add", "added", "adding", "plus", "minus", "sum", "combine", "grows", "rises", "falls", "increases",
    "decreases", "declines", "changes", "change", "percent", "percentage", "times", "gap", "between"}
# Words that ask for the extreme of a series, and words in a source that mark one.
# "the total fee", "in all": the whole a figure's parts add up to, as a sentence says it ("for a total of N")
TOTAL_CUES = ("total", "in all", "altogether", "combined", "all told", "whole", "entire")
PEAK_CUES = ("peak", "highest", "most ever", "record", "maximum", "top")
PEAK_WORDS = ("peak", "peaked", "record", "highest", "all-time", "lowest", "bottomed")
MAGNITUDE_CUES = ("lower", "fewer", "less", "fall", "fell", "drop", "dropped", "decline", "declined", "decrease", "higher", "more")
# Words that set a question against the figure just given ("what did the final bill fund instead?"):
# it asks the same measure, said by someone or something else.
CONTRAST_WORDS = ("instead", "in its place", "rather than that", "by contrast", "in contrast")
FOLLOWUP_PRONOUNS = ("those", "that", "these", "this", "them", "it", "they", "the total", "of them")
TEXT_CUES = ("who", "what", "when", "why", "where", "which", "how did", "how does", "how is", "describe", "explain")
STOPWORDS = frozenset(
    """a an the of in on at to for by from with and or but is are was were be been being do does did
    how many much what which who whom whose when where why that this those these it its their there
    as than then so if about into over under up down out off not no yes can could would should will
    shall may might must has have had i me my we our you your he she they them his her s t""".split()
)
# Question words that say nothing about what is counted.
TOPIC_NEUTRAL = frozenset("people person number figure total many much year fiscal percent carry carried make made "
                          "report reported".split())

# --- answer types ---------------------------------------------------------------------------
# What a question asks for when it wants words, not a figure: "which official", "on what date".
# Prototype nouns of each type ("figure": a number); a noun not listed is typed by how close its meaning is to these
# (bot.passages), so this says what the types mean, not what may be asked.
ANSWER_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "who": ("person", "official", "spokesperson", "leader", "director", "organization", "group", "company",
            "agency", "author"),
    "when": ("date", "day", "month", "year", "time", "deadline"),
    "why": ("reason", "cause", "explanation", "purpose"),
    "where": ("place", "city", "country", "location", "region"),
    # a figure: a noun closest to these asks for a number, not words
    "figure": ("number", "amount", "total", "count", "rate", "percentage", "cost", "income", "sum", "value",
               "price", "duration", "stake"),
}
# Words that introduce a cause: "fell because ...", "declined after Peru agreed ...", "driven by ...".
# The head nouns of an organization's name: "Office of Immigrant Affairs (OIA)" defines an agency,
# "Temporary Protected Status (TPS)" and "Alternatives to Detention (ATD)" a term.
ORGANIZATION_HEADS = ("office", "offices", "department", "agency", "service", "services", "bureau", "administration",
                      "commission", "court", "courts", "patrol", "protection", "enforcement", "operations", "council",
                      "board", "network", "clearinghouse", "institute", "center", "centre", "organization",
                      "organisation", "coalition", "alliance", "association", "foundation", "committee", "project",
                      "lab", "laboratory", "university", "group", "unit", "division", "authority", "ministry",
                      "team", "task force", "force", "corps", "police", "sheriff", "review", "affairs", "security",
                      "survey", "monitor", "collaborative", "partnership", "trust", "fund", "program", "programme")
# Things known by a number that names rather than counts them: "the flight number", "case No.":
# a question asking for one is not answered by a count of anything.
IDENTIFIED_THINGS = ("flight", "case", "docket", "form", "bill", "file", "tracking", "reference", "serial",
                     "account", "resolution", "order", "room", "route", "highway", "badge", "phone", "permit",
                     "receipt", "alien", "registration", "passport", "license", "licence", "plate")
CAUSE_MARKERS = ("because", "due to", "owing to", "thanks to", "as a result", "result of", "driven by", "amid",
                 "after", "following", "since", "when", "attributed", "blamed", "caused", "led to", "reflecting",
                 "so that", "in order to", "reason")
# Prepositions a question may open with before its question word: "until when", "on what date".
QUESTION_PREPOSITIONS = ("until", "till", "since", "by", "from", "on", "in", "at", "for", "during", "to", "of")

# --- meaning ---------------------------------------------------------------------------------
# Words that mean the same thing in a question and an article: abbreviations, plain and
# official words. Groups only help matching; nothing here limits what can be asked.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("people", "ppl", "persons", "individuals", "members", "population"),
    ("children", "kids", "minors", "child", "kid"),
    ("average", "avg", "mean"),
    ("administrative", "admin"),
    ("southwest", "sw"),
    ("southwest border", "mexican border", "southern border", "us-mexico border", "u.s.-mexico border", "mexico border"),
    ("backlog", "pending", "awaiting"),
    ("lawyer", "lawyers", "attorney", "attorneys", "counsel"),
    ("help", "helped", "helps", "assist", "assisted", "assists", "aid", "aided"),
    ("asking", "ask", "asks", "asked for", "request", "requested", "requests", "seek", "seeks", "sought"),
    ("northern", "north"),
    ("us", "u.s", "america", "american"),
    ("deported", "sent back", "expelled"),
    ("transferred", "handed over", "turned over", "hand over", "turn over", "transfer", "handed", "transfers"),
    ("arrest", "apprehension", "apprehended", "caught", "arrested", "apprehend"),
    ("ceiling", "cap", "limit", "maximum"),
    ("admitted", "arrived", "resettled", "let in", "arrivals", "admissions", "admit", "resettle"),
    ("denied", "rejected", "turned down", "refused", "denial", "deny"),
    ("granted", "approved", "won", "grant"),
    ("naturalized", "naturalization", "citizens", "citizenship"),
    ("green", "permanent", "lpr"),
    ("wall", "barrier", "fence", "fencing"),
    ("pedestrian", "foot"),
    ("spending", "spend", "spent", "budget", "funding", "cost", "appropriated", "appropriation"),
    ("decision", "decided", "ruled", "ruling", "completed", "completion"),
    ("case", "claim", "cases", "claims"),
    ("received", "receipts", "receive"),
    ("applications", "filings", "applied", "filed", "application", "filing"),
    ("percent", "share", "percentage", "proportion", "rate"),
    ("unaccompanied", "alone", "without"),
    ("family", "families"),
    ("day", "days", "daily"),
    ("during", "while", "amid"),
    ("year", "annual", "annually", "yearly"),
)
# Words of a question that ask rather than describe what is measured.
QUESTION_FILLER = frozenset("""how many much what which who whom when where why number total totals figure figures amount
    count counted overall whole entire record recorded records register registered log logged tally tallied actually really exactly approximately roughly about according say said says
    report reported reports give gave given get got tell show list did do does was were is are be been
    the a an of in on at for by to from with and or per all there their it its that this those these
    carry carried out make made see saw have has had according go going went come came put
    more fewer less than compared versus vs people person persons individuals country nation government
    administration officials agency department authorities become became becomes becoming
    within able also ever whether along across via upon onto toward towards
    whats hows whos wheres whens thats neither nor don't doesn't didn't isn't aren't wasn't weren't
    hasn't haven't hadn't""".split())
# A sentence opening with these points at the sentence before ("That was N", "The total was N").
ANAPHORS = ("that", "this", "it", "they", "these", "those", "of them", "of those", "among them", "the resulting")
ANAPHORIC_NOUNS = ("total", "totals", "figure", "figures", "number", "count", "tally", "increase", "decrease",
                   "decline", "drop", "rise", "jump")
# Words a clause hedges or frames a figure with ("only N", "among them") that say nothing about
# what it measures.
# Verbs that report what someone said: the subject before them is the speaker, not what is counted.
REPORTING_VERBS = frozenset("""said says told added noted estimated reported wrote argued claimed announced predicted
    testified testifies warned warns stated states explained explains recalled recalls acknowledged cautioned
    projected projects""".split())
HEDGES = frozenset("only just also still even yet among".split())

# Verbs that link a part to the share it makes of a whole: "A made up N percent of B".
SHARE_VERBS = ("made up", "make up", "makes up", "accounted for", "account for", "accounts for", "represented",
               "represent", "represents", "comprised", "comprise", "constituted", "constitute")
