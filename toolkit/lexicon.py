"""General rules of English that tell who holds a position and whether they back it.

Nothing here is about a particular negotiation: these are the verbs, nouns and function
words journalists use to report what someone wants. The conflict lives in the codebook.
Each entry is a regular-expression fragment; polarity is +1 (support) or -1 (oppose).
"""

from __future__ import annotations

# Verbs and nouns that report a stance. The subject (or possessor, or `by` agent) of one of
# these is the holder of the position in its complement.
SUPPORT_TRIGGERS: tuple[str, ...] = (
    r"say|says|said|saying|state[sd]?|stating|statement|stress\w*|emphasi[sz]\w*|underline[sd]?",
    r"insist\w*|propos\w+|suggest\w*|float\w*|demand\w*|call(?:s|ed|ing)? for|calls? on",
    r"push\w*(?: for)?|press\w*(?: for)?|urg\w+|want\w*|seek\w*|sought|back\w*|support\w*",
    r"favou?r\w*|advocat\w+|endors\w+|accept\w*|agree\w*|welcom\w+|offer\w*|plan(?:s|ned)?",
    r"idea|position|stance|insistence|conditions?|requir\w+|need\w*|deem\w*|consider\w*",
    r"envisag\w+|envision\w*|believ\w+|argu\w+|maintain\w*|hold|holds|ready|willing|open to",
    r"prepared|signal\w*|indicat\w+|confirm\w*|announc\w+|declar\w+|told|tell\w*|add\w*",
    r"not(?:ed|es|ing)|reiterat\w+|repeat\w*|outlin\w+|present\w*|submit\w*|tabl\w+",
    r"put(?:s|ting)? forward|lay(?:s|ing)? out|laid out|term\w*|dub\w*|describ\w+|approv\w+",
    r"embrac\w+|champion\w*|lobb\w+|fight\w* for|fought for|hop\w+|expect\w*|aim\w*|intend\w*",
    r"striv\w+|strove|ensur\w+|promis\w+|pledg\w+|commit\w*|vow\w*|view\w*|see[ns]? as|saw as",
    r"wish\w*|prefer\w*|request\w*|ask\w*|recommend\w*|envoy's plan|plans?|proposals?|offers?",
    r"initiative|framework|draft|blueprint|vision|demands?|requests?|preference|priority",
    r"priorities|goal|objective|aim|wants|insists|warn\w*|made clear|make clear",
    r"open(?:ness)? to|signed off on|sign off on|concede[sd]?|acknowledg\w+|recogni[sz]\w*",
    r"explain\w*|wrote|writes|posted|according to|argued|reaffirm\w*|remain\w* committed",
    r"determined|intent on|keen|eager|resolved|adamant|firm|clear|convinced|sure",
    r"made no secret|makes? no secret|making no secret|no doubt|no question"
    r"|leav\w+ room for|left room for|mak\w+ room for|open\w* the door to|paves? the way for"
    r"|threat(?:s|ened)?|ultimatums?|conditional on|conditioned on|contingent on|hinges? on|depends? on|impl(?:y|ies|ied)|entails?"
    r"|nothing less than|nothing short of|no less than|circulat\w+|draft(?:ed|ing)|drawn up|drew up"
    r"|brokered|authored|put together|counter(?:s|ed)?|retort\w*|repl(?:y|ies|ied)|respond\w*"
    r"|set|sets|setting|rais(?:e|es|ed|ing)|talk(?:s|ed|ing)? of|ambitions?|aspirations?|regard(?:s|ed)?|recall\w*|affirm\w*|highlight\w*|point\w* out|assert\w*|underscor\w+|contend\w*"
    r"|think|thinks|thought|live with|tolerat\w+|settle for|countenanc\w+|stand by|non-negotiable|entertain\w*"
    r"|sign\w* up to|sign\w* on to|pursu\w+|spoke of|speak\w* of|readiness|willingness"
    r"|hold\w* out for|held out for|dangl\w+|float\w* the idea of|warm\w* to|count\w* on"
    r"|bank\w* on|thank\w*|grateful",
)

OPPOSE_TRIGGERS: tuple[str, ...] = (
    r"reject\w*|oppos\w+|refus\w+|rul\w+ out|dismiss\w*|resist\w*|object\w*|balk\w*",
    r"veto\w*|block\w*|declin\w+|against|condemn\w*|denounc\w+|criticis\w+|criticiz\w+",
    r"slam\w*|scoff\w*|rebuff\w*|spurn\w*|deplor\w+|decr\w+|reject|rejection|opposition",
    r"unacceptable|non-starter|nonstarter|out of the question|off the table|no-go|red lines?",
    r"brush\w* aside|brushed off|shot down|shoot\w* down|push\w* back (?:on|against)",
    r"pushback|objection\w*|resistance|refusal|denial|den(?:y|ies|ied|ying)|fear\w*",
    r"warn\w* against|caution\w* against|argu\w+ against|lobb\w+ against|protest\w*",
    r"never accept|cannot accept|can't accept|won't accept|will not accept|unwilling|reluctant",
    r"ridicul\w+|mock\w*|castigat\w+|lambast\w+|attack\w* the (?:idea|plan|proposal)",
    r"drop(?:s|ped|ping)?|abandon\w*|walk\w* back|back\w* away from|give up|gave up|given up",
    r"struck (?:out|down)|strike\w* (?:out|down)|scrap\w*|torpedo\w*",
    r"pour\w* cold water on|threw cold water on|throw\w* cold water on|set\w* aside|shelv\w+",
    r"put\w* on hold|put\w* on ice|mothball\w*|fool\w*|trick(?:s|ed)|deceiv\w*|duped",
    r"wav\w* away|wav\w* aside|wav\w* off|scathing (?:about|of)|critical of|derid\w+|decr(?:y|ied)",
    r"see\w* no (?:reason|need|point|case) (?:to|for)|saw no (?:reason|need|point|case) (?:to|for)",
    r"little (?:appetite|interest|enthusiasm|patience) (?:for|in)"
    r"|no (?:appetite|interest|enthusiasm|patience) (?:for|in)|in no hurry to",
)

# Words that flip the polarity of what follows them inside the same clause.
NEGATORS = (
    r"not|n't|never|no longer|neither|nor|cannot|without|hardly|rather than|instead of"
    r"|no|nothing|nobody|none|unlikely|far from|yet to"
)

# Function words that make a following party name an object or a place, not a holder.
NON_AGENT_PREPOSITIONS = (
    r"in|into|to|for|against|with|on|onto|at|over|across|inside|within|toward|towards|about"
    r"|regarding|concerning|between|among|amongst|near|throughout|under|around|from|through"
    r"|upon|beyond|behind|outside|via|than|of|like|unlike|including|visit(?:ed|ing|s)?"
    r"|beside|besides|alongside|despite|except|per"
    r"|urg(?:ed|es|ing)|press(?:ed|es|ing)|told|tell(?:s|ing)?|ask(?:ed|s|ing)|call(?:ed|s|ing) on"
    r"|pressur(?:ed|es|ing)|persuad(?:ed|es|ing)|convinc(?:ed|es|ing)|forc(?:ed|es|ing)"
)

# Nouns that make a demonym ("Russian", "European") stand for its party: "Russian officials",
# "European leaders", "the Ukrainian President".
ACTOR_NOUNS = (
    r"officials?|negotiators?|envoys?|delegations?|delegates|diplomats?|leaders?|leadership"
    r"|government|governments|president|presidency|prime minister|premier|foreign minister"
    r"|defen[cs]e minister|ministers?|ministry|side|team|authorities|administration"
    r"|spokes(?:man|woman|person)|lawmakers|parliament|chancellor|counterparts?|partners"
    r"|allies|nations|countries|states|capitals|powers|mediators|secretary|ambassador"
    r"|representatives?|sources|aides?|advisers?|advisors?|security council|commission"
    r"|council|chief|head|commissioner|the Kremlin|foreign office|foreign ministry|cabinet"
    r"|politicians|establishment|position|demands|proposal|plan|negotiating team|camp"
    r"|draft|framework|blueprint|initiative|roadmap|road map|counter-?proposal|peace plan|text"
    r"|memorandum|compromise|package|offer|terms|conditions|formula|outline|working paper|paper"
    r"|suggestion|idea|scheme|vision|negotiating (?:documents?|papers?|position)|documents?"
)

# Modals and auxiliaries of will: "Ukraine will not accept", "Moscow would agree".
VOLITION = (
    r"will|would|won't|wouldn't|shall|is ready to|are ready to|is willing to|could|can|may|might"
)

# Modals of obligation make their subject the *one obliged*, not the holder:
# in "Russia must withdraw", the holder is whoever says so.
OBLIGATION = (
    r"must|should|has to|have to|had to|needs? to|ought to|is required to|are required to"
    r"|is obliged to|be made to|be forced to|under (?:\w+ )?pressure to"
    r"|fac(?:es|ed|ing) (?:\w+ )?(?:demands|pressure|calls) to"
)

# Words after which a third-person pronoun or a title refers back to an earlier speaker.
PRONOUNS = (
    r"he|she|they|his|her|their|him"
    # a sentence opening with "It" or "Its" goes on about the party before ("Russia. … It
    # couples this with …"), unless "it" is only the expletive subject ("It is clear that …")
    r"|(?<![\w,;] )(?<!\w)(?:It(?!\s+(?:is|was|'s|seems|appears|remains|looks|may|might|would be"
    r"|will be|has been|had been)\b)|Its)"
    # "…, it would place the funds in …": "it" before a modal stands for the party before
    r"|\bit(?=\s+(?:would|will|could|also|has|had|wants|says|insists|proposes|envisages)\b)"
    # "its negotiators", "its foreign ministry": the party before speaks through them
    r"|its(?=\s+(?:\w+\s+)?(?:negotiators|officials|government|leaders|leadership|delegation"
    r"|diplomats|envoys?|ministry|president|spokes(?:man|woman|person)))"
)
TITLES = (
    r"the (?:[\w\-]+ ){0,2}?(?:president|prime minister|premier|chancellor|minister|envoy|spokes(?:man|woman|person)"
    r"|secretary|official|officials|negotiator|negotiators|leaders?|diplomats?|ambassador|aide"
    r"|adviser|advisor|commissioner|secretary-general|delegation|administration|governments?"
    r"|bloc|ministers|envoys|signatories|allies|draft|plan|proposal|framework|text|blueprint"
    r"|council|commission|member states)\b"
    # a document named again: "that draft", "the same document"
    r"|(?:that|this|the same) (?:draft|plan|proposal|framework|text|blueprint|document)\b"
)

# Titles of one person, as a later "the prime minister" refers back to whoever was introduced
# with it ("Prime Minister Anna Berg", "Berg, the prime minister,"). Longest first; each maps
# to the key it is remembered by.
TITLE_KEYS = {
    "prime minister": "prime minister",
    "foreign minister": "foreign minister",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "secretary of state": "secretary of state",
    "head of state": "president",
    "vice president": "vice president",
    "president": "president",
    "chancellor": "chancellor",
    "premier": "prime minister",
}

# Verbs that introduce speech, for attributing a quotation to a speaker.
SPEECH_VERBS = (
    r"said|says|say|added|adds|told|tells|insisted|insists|stated|states|declared|declares"
    r"|noted|notes|warned|warns|stressed|stresses|wrote|writes|posted|explained|explains"
    r"|argued|argues|continued|replied|responded|answered|remarked|asserted|claimed|claims"
    r"|emphasi[sz]ed|underlined|reiterated|acknowledged|admitted|conceded|recalled|vowed"
    r"|promised|pledged|repeated|affirmed|announced|observed|commented|suggested|proposed"
)

# Subordinators that open a condition; the clause is kept in the `condition` column.
CONDITION = (
    r"if|unless|provided that|as long as|on condition that|only if|in exchange for|in return for"
)

# Clause openers of a relative clause that may carry a second holder after a cue:
# "..., which Russia has termed ...", "..., a move opposed by Ukraine".
RELATIVE = r"which|that|something|an idea|a move|a step|a plan|a proposal|a demand|a position|an option|a scenario|a concession"

# Verbs and nouns of events: military action, not positions. A sentence whose only verbs
# are these codes nothing.
EVENT_WORDS = (
    r"attack\w*|strik\w+|struck|shell\w*|bomb\w*|launch\w*|fired|killed|wounded|captur\w+"
    r"|seiz\w+|advanc\w+|offensive|targeted|hit|destroy\w*|disrupt\w*|shot down|intercept\w*"
)

# Titles that introduce a person speaking for a party: "Kremlin spokesman Dmitry Peskov",
# "Petro Danyliuk, the head of Ukraine's border service".
PERSON_TITLES = (
    r"president|prime minister|premier|chancellor|foreign minister|defen[cs]e minister|minister"
    r"|spokes(?:man|woman|person)|envoy|special envoy|negotiator|chief negotiator|secretary"
    r"|secretary-general|secretary general|chief of staff|chief|head|adviser|advisor|aide"
    r"|ambassador|diplomat|commissioner|official|representative|leader|speaker|general"
    r"|director|deputy|counsellor|counselor|press secretary|lawmaker|senator|mediator"
    r"|commander|brigade commander|colonel|lieutenant colonel|officer|governor|legislator"
)

# Institutions and things a place name can qualify without naming a party ("a Riga bank").
PLACE_THINGS = (
    r"brokerage|bank|firm|company|fund|newspaper|daily|weekly|paper|broadcaster|channel"
    r"|radio|television|think[- ]tank|institute|university|court|hospital|school|market"
    r"|exchange|hotel|consultancy|agency|publication|magazine|tabloid|outlet|studio"
    r"|pollster|suburb|district|restaurant|cafe|café|audience|crowd"
)

# People whose opinions are not a party's position ("Analysts think …", "Critics say …").
NON_PARTY_HOLDERS = (
    r"analysts?|experts?|observers?|commentators?|critics?|historians?|economists?|pundits?"
    r"|scholars?|researchers?|academics?|columnists?|editorials?|polls?|surveys?|bookmakers"
    r"|investors|markets|residents|voters|soldiers|veterans|think-tanks?|think tanks?"
    r"|some|many|several|others|most|few|skeptics|sceptics|hawks|doves"
)

# Nouns for a party's proposal: "under the American draft", "the EU plan, in which …".
PROPOSAL_NOUNS = (
    "plan",
    "outline",
    "paper",
    "proposal",
    "draft",
    "framework",
    "blueprint",
    "initiative",
    "roadmap",
    "offer",
    "counterproposal",
    "counter-proposal",
    "text",
    "formula",
    "position",
    "demands",
    "terms",
    "memorandum",
    "compromise",
    "package",
    "conditions",
    "suggestion",
    "scheme",
    "idea",
    "vision",
)


# --------------------------------------------------------------------------- lemma lists
# The same grammar of stance for the parse-based reader (:mod:`toolkit.attribute`), as lemmas
# (the parser's lemmatizer turns "rejected", "rejects" and "rejecting" into "reject").

# Verbs, nouns and adjectives whose subject, possessor or agent holds the stance in their
# complement: "Kyiv proposed …", "Moscow's insistence on …", "ready to …".
STANCE_LEMMAS = frozenset(
    [
        "say",
        "state",
        "stress",
        "emphasise",
        "emphasize",
        "underline",
        "insist",
        "propose",
        "suggest",
        "float",
        "demand",
        "call",
        "push",
        "press",
        "urge",
        "want",
        "seek",
        "back",
        "support",
        "favour",
        "favor",
        "advocate",
        "endorse",
        "accept",
        "agree",
        "welcome",
        "offer",
        "plan",
        "require",
        "need",
        "deem",
        "consider",
        "envisage",
        "envision",
        "believe",
        "argue",
        "maintain",
        "signal",
        "indicate",
        "confirm",
        "announce",
        "declare",
        "tell",
        "add",
        "note",
        "reiterate",
        "repeat",
        "outline",
        "present",
        "submit",
        "table",
        "approve",
        "embrace",
        "champion",
        "lobby",
        "fight",
        "hope",
        "expect",
        "aim",
        "intend",
        "strive",
        "ensure",
        "promise",
        "pledge",
        "commit",
        "vow",
        "view",
        "wish",
        "prefer",
        "request",
        "ask",
        "recommend",
        "warn",
        "acknowledge",
        "recognise",
        "recognize",
        "explain",
        "write",
        "post",
        "reaffirm",
        "concede",
        "threaten",
        "condition",
        "hinge",
        "depend",
        "imply",
        "entail",
        "circulate",
        "draft",
        "broker",
        "author",
        "counter",
        "retort",
        "reply",
        "respond",
        "raise",
        "regard",
        "recall",
        "affirm",
        "highlight",
        "assert",
        "underscore",
        "contend",
        "think",
        "tolerate",
        "settle",
        "countenance",
        "entertain",
        "explore",
        "eye",
        "weigh",
        "mull",
        "study",
        "pitch",
        "insistence",
        "idea",
        "position",
        "stance",
        "proposal",
        "offer",
        "demand",
        "request",
        "preference",
        "priority",
        "goal",
        "objective",
        "initiative",
        "framework",
        "blueprint",
        "vision",
        "ambition",
        "aspiration",
        "bid",
        "call",
        "push",
        "condition",
        "ready",
        "willing",
        "open",
        "prepared",
        "determined",
        "keen",
        "eager",
        "adamant",
        "firm",
        "convinced",
        "committed",
    ]
)

# The same, saying no: their holder opposes what they govern ("Kyiv rejected a truce").
OPPOSE_LEMMAS = frozenset(
    [
        "reject",
        "oppose",
        "refuse",
        "dismiss",
        "resist",
        "object",
        "balk",
        "veto",
        "block",
        "decline",
        "condemn",
        "denounce",
        "criticise",
        "criticize",
        "slam",
        "scoff",
        "rebuff",
        "spurn",
        "deplore",
        "decry",
        "rejection",
        "opposition",
        "refusal",
        "objection",
        "resistance",
        "denial",
        "deny",
        "unacceptable",
        "nonstarter",
        "protest",
        "ridicule",
        "mock",
        "lambast",
        "castigate",
        "drop",
        "abandon",
        "scrap",
        "torpedo",
        "shelve",
        "unwilling",
        "reluctant",
        "against",
        "fear",
    ]
)

# Verbs that report speech: their subject is the speaker of the clause they introduce.
SPEECH_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "add",
        "insist",
        "state",
        "declare",
        "note",
        "warn",
        "stress",
        "write",
        "post",
        "explain",
        "argue",
        "reply",
        "respond",
        "answer",
        "remark",
        "assert",
        "claim",
        "emphasise",
        "emphasize",
        "underline",
        "reiterate",
        "acknowledge",
        "admit",
        "concede",
        "recall",
        "vow",
        "promise",
        "pledge",
        "repeat",
        "affirm",
        "announce",
        "observe",
        "comment",
        "suggest",
        "propose",
    ]
)

# Verbs that act on somebody else ("press Kyiv to …", "require that Ukraine …"): the one
# acted on is obliged or asked, never the holder.
CONTROL_LEMMAS = frozenset(
    [
        "require",
        "need",
        "force",
        "press",
        "urge",
        "ask",
        "oblige",
        "compel",
        "push",
        "pressure",
        "call",
        "persuade",
        "convince",
        "demand",
        "want",
        "tell",
        "expect",
        "encourage",
        "invite",
        "allow",
        "let",
        "permit",
        "obligate",
        "commit",
        "bind",
    ]
)

# Verdicts on a measure: "X would only prolong the war" opposes X.
HARM_LEMMAS = frozenset(
    [
        "prolong",
        "reward",
        "embolden",
        "undermine",
        "harm",
        "damage",
        "hurt",
        "fail",
        "endanger",
        "legitimise",
        "legitimize",
        "freeze",
        "betray",
        "weaken",
        "destabilise",
        "destabilize",
        "doom",
        "jeopardise",
        "jeopardize",
        "sabotage",
        "teach",  # "would only teach the invader that borders can be bought"
        "encourage",
    ]
)

# Auxiliaries of will ("Moscow would keep …") and of obligation ("Ukraine must …").
VOLITION_LEMMAS = frozenset(["will", "would", "can", "could", "may", "might", "shall"])
OBLIGATION_LEMMAS = frozenset(["must", "should", "ought"])
# Verbs of obligation with a "to" complement: "has to leave", "needs to leave".
OBLIGATION_VERBS = frozenset(["have", "need", "oblige", "require", "force", "compel"])

# Subjects whose opinions are nobody's position in the talks ("Analysts say …").
NON_PARTY_LEMMAS = frozenset(
    [
        "analyst",
        "expert",
        "observer",
        "commentator",
        "critic",
        "historian",
        "economist",
        "pundit",
        "scholar",
        "researcher",
        "academic",
        "columnist",
        "editorial",
        "poll",
        "survey",
        "bookmaker",
        "investor",
        "market",
        "resident",
        "voter",
        "soldier",
        "veteran",
        "skeptic",
        "sceptic",
        "hawk",
        "dove",
    ]
)

# The people and bodies that speak for a party, by lemma (the one-word nouns of ACTOR_NOUNS):
# "the Ruritanian side would …" wills something, "Ruritania's army would …" does not.
ACTOR_LEMMAS = frozenset(
    [
        "official",
        "negotiator",
        "envoy",
        "delegation",
        "delegate",
        "diplomat",
        "leader",
        "leadership",
        "government",
        "president",
        "presidency",
        "premier",
        "minister",
        "ministry",
        "side",
        "team",
        "authority",
        "administration",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "lawmaker",
        "parliament",
        "chancellor",
        "counterpart",
        "partner",
        "ally",
        "nation",
        "country",
        "state",
        "capital",
        "power",
        "mediator",
        "secretary",
        "ambassador",
        "representative",
        "source",
        "aide",
        "adviser",
        "advisor",
        "council",
        "chief",
        "head",
        "commissioner",
        "commission",
        "office",
        "cabinet",
        "politician",
        "establishment",
        "camp",
        "bloc",
        "union",
        "people",
    ]
)

# A party's proposal, agreement or document: it holds what it provides (the proposal nouns
# above, less those that also name a stance, and the documents a deal is written in).
PROPOSAL_LEMMAS = (frozenset(PROPOSAL_NOUNS) - {"position", "demands", "terms"}) | frozenset(
    ["agreement", "deal", "accord", "package", "document", "memorandum", "treaty"]
)

# Verbs whose "that" clause is imposed on its subject: "require that Kyiv never join".
IMPOSE_LEMMAS = frozenset(
    [
        "require",
        "demand",
        "insist",
        "ask",
        "urge",
        "press",
        "call",
        "oblige",
        "stipulate",
        "mandate",
    ]
)

# A cue after these is a topic, not a stance: "talks on a truce", "a decision concerning
# the border", "the question of membership".
TOPIC_PREPOSITIONS = frozenset(["on", "about", "concerning", "regarding", "over", "around"])
TOPIC_WORDS = frozenset(
    [
        "concern",
        "regard",
        "involve",
        "affect",
        "discuss",
        "question",
        "issue",
        "matter",
        "subject",
        "topic",
        "fate",
        "status",
        "talk",
        "debate",
        "discussion",
        "negotiation",
    ]
)

# Words the holder rules of toolkit/holders.py test for:
# - a stance noun whose content is a "that" clause after a copula ("Oslo's line remains that …")
STANCE_NOUNS = frozenset(["line", "view", "position", "stance", "insistence", "argument"])
COPULAS = frozenset(["is", "was", "remains", "remained", "been", "be"])
# - verbs of having, not wanting, in a relative clause ("land that Riga holds")
HOLDING_VERBS = frozenset(
    [
        "hold",
        "holds",
        "held",
        "holding",
        "control",
        "controls",
        "controlled",
        "occupies",
        "occupied",
    ]
)
# - question words that keep a cue after "the question of" a topic ("the question of who …")
WH_WORDS = frozenset(["who", "whether", "how", "when", "what", "which", "if"])


# Capitalised words before a surname that are not a given name ("In June Oslo …", "Former
# Minister …"): function words, days, months, seasons and titles.
NOT_GIVEN_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "To",
        "Of",
        "And",
        "But",
        "Or",
        "As",
        "If",
        "When",
        "After",
        "Before",
        "Since",
        "While",
        "Then",
        "With",
        "Without",
        "Under",
        "Over",
        "Meanwhile",
        "Also",
        "Even",
        "Only",
        "So",
        "Yet",
        "Still",
        "Both",
        "Neither",
        "Nor",
        "Not",
        "Now",
        "Today",
        "Yesterday",
        "Tomorrow",
        "Later",
        "Earlier",
        "Asked",
        "Told",
        "Says",
        "Said",
        "Why",
        "How",
        "What",
        "Who",
        "Former",
        "Acting",
        "Deputy",
        "Late",
        "Young",
        "Old",
        "President",
        "Prime",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Spring",
        "Summer",
        "Autumn",
        "Winter",
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Central",
        "Greater",
    ]
)

# What a possessive owns that is a stance: "Oslo's price for peace", "Riga's bottom line".
OWNED_STANCE_NOUNS = frozenset(
    [
        "line",
        "view",
        "position",
        "stance",
        "call",
        "red",
        "terms",
        "approach",
        "price",
        "condition",
        "conditions",
        "aim",
        "goal",
        "aims",
        "goals",
        "ask",
        "wish",
        "wishes",
        "priority",
        "priorities",
        "bottom",
    ]
)

# Nouns that make a cue a party's demand after a copula: "… remains Riga's main demand".
DEMAND_NOUNS = (
    r"demand|condition|precondition|position|aim|goal|red line|priority|proposal|offer"
    r"|insistence|wish|requirement"
)

# Nouns that "under" introduces as content, not as a time: "under a joint arrangement",
# "under UN control" (but "under a truce").
GOVERNANCE_NOUNS = (
    r"arrangement|scheme|model|formula|format|mandate|control|management|administration"
    r"|supervision|oversight|operation|ownership|auspices|flag|umbrella"
)
