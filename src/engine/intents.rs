//! The one table of intents: what kinds of answer the engine gives, and
//! everything that follows from each — its JSON name (a public contract),
//! the slots it uses, its label, its follow-up button, its help example, its
//! metrics label and the cue phrases (with weights) that say a question asks
//! for it. Adding an intent is one entry here and one responder.
//!
//! Cue phrases are matched on stemmed words of the question; `*` stands for
//! words holding up to four content words ("how * do" matches "how did Kent
//! do"), `=word` only that word as typed (not its stem), and a leading `^`
//! anchors a phrase at the start of the question (or of one part of it).

use serde::Serialize;

/// What an answer is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Improve,
    Grade,
    Overview,
    Quote,
    Response,
    Who,
    When,
    Across,
    Compare,
    Change,
    Strengths,
    Topic,
    Glossary,
    Help,
    /// The engine asks which of several readings or forces was meant.
    Clarify,
    /// Not something the sources answer.
    None,
    /// Input the engine would not read (empty, too long, binary).
    Rejected,
}

/// How an intent uses a slot of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The answer cannot be given without it.
    Needs,
    /// The answer uses it when present.
    Takes,
    /// The answer ignores it: a question that has one is less likely this intent.
    Ignores,
}

/// How many forces an intent answers about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forces {
    /// Exactly one ("What does Kent need to improve?").
    One,
    /// Two or more, side by side.
    Several,
    /// None named, or a region ("Which forces …").
    Pool,
    /// Any number, including none (quotes and topics search everywhere).
    Any,
    /// Forces make no difference (glossary, help).
    NotAbout,
}

/// Which slots an intent uses.
#[derive(Debug, Clone, Copy)]
pub struct Slots {
    pub forces: Forces,
    pub area: Use,
    pub grade: Use,
    pub speaker: Use,
    /// Content words matched against findings and quotes.
    pub topic: Use,
    pub term: Use,
}

/// One intent and all it drives.
#[derive(Debug)]
pub struct IntentSpec {
    pub intent: Intent,
    /// The `intent` string of `ask --json` and the metrics label.
    pub name: &'static str,
    /// What the answer is, for people ("Areas to improve").
    pub label: &'static str,
    /// Whether a question can ask for it (outcomes such as clarify cannot).
    pub readable: bool,
    pub slots: Slots,
    /// The label of a follow-up button offering this intent for the force
    /// just answered about; `None` when it is never offered as a follow-up.
    pub follow_up: Option<&'static str>,
    /// An example question for help and the README; `None` for outcomes.
    pub example: Option<&'static str>,
    /// A question of this kind about one force (`{force}` is replaced), for
    /// suggestions; `None` when the intent is not about one force.
    pub template: Option<&'static str>,
    /// Cue phrases and how strongly each says a question wants this intent.
    pub cues: &'static [(&'static str, f32)],
}

const fn slots(
    forces: Forces,
    area: Use,
    grade: Use,
    speaker: Use,
    topic: Use,
    term: Use,
) -> Slots {
    Slots {
        forces,
        area,
        grade,
        speaker,
        topic,
        term,
    }
}

use Forces::*;
use Use::*;

/// Every intent, in the order help lists them.
pub const INTENTS: &[IntentSpec] = &[
    IntentSpec {
        intent: Intent::Improve,
        name: "improve",
        label: "Areas to improve",
        readable: true,
        slots: slots(One, Takes, Takes, Ignores, Ignores, Ignores),
        follow_up: Some("Areas to improve"),
        example: Some("What does Derbyshire need to improve?"),
        template: Some("What does {force} need to improve?"),
        cues: &[
            ("improve", 1.0),
            ("improvement", 1.0),
            ("need to improve", 1.4),
            ("needs to improve", 1.4),
            ("told to improve", 1.4),
            ("must improve", 1.4),
            ("must do better", 1.4),
            ("areas for improvement", 1.6),
            ("area for improvement", 1.6),
            ("cause of concern", 1.4),
            ("causes of concern", 1.4),
            ("failing", 1.0),
            ("fail", 0.8),
            ("fall short", 1.0),
            ("falling short", 1.0),
            ("weak", 1.0),
            ("weakness", 1.0),
            ("weakest", 1.0),
            ("problem", 0.8),
            ("shortcoming", 1.0),
            ("concern", 0.7),
            ("struggle", 1.0),
            ("poor", 0.8),
            ("poorly", 0.8),
            ("badly", 1.0),
            ("bad", 0.6),
            ("underperform*", 1.0),
            ("letting * down", 0.8),
            ("worst at", 1.0),
            ("lacking", 0.8),
            ("bad at", 1.0),
            ("do better", 1.0),
            ("get better", 0.8),
            ("work on", 0.8),
            ("fix", 0.8),
            ("flaw", 0.9),
            ("criticis*", 0.9),
            ("criticism", 0.9),
            ("wrong", 0.8),
            ("worst", 0.6),
            ("not good", 1.0),
            ("falls short", 1.0),
            ("needs attention", 0.9),
            ("key areas", 0.6),
        ],
    },
    IntentSpec {
        intent: Intent::Grade,
        name: "grade",
        label: "One area's grade",
        readable: true,
        slots: slots(One, Needs, Takes, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("How was Kent graded for recording crime in 2021/22?"),
        template: None,
        cues: &[
            ("grade", 0.8),
            ("graded", 0.9),
            ("grading", 0.8),
            ("rated", 0.9),
            ("rating", 0.8),
            ("rate", 0.6),
            ("score", 0.7),
            ("scored", 0.8),
            ("judged", 0.8),
            ("assessed", 0.6),
            ("how good", 0.6),
            ("how well", 0.6),
            ("well", 0.5),
            ("how bad", 0.5),
            ("how * at", 0.5),
            ("good at", 0.4),
            ("any good at", 0.5),
            ("what did * get for", 0.8),
            ("get for", 0.6),
        ],
    },
    IntentSpec {
        intent: Intent::Overview,
        name: "overview",
        label: "All grades",
        readable: true,
        slots: slots(One, Ignores, Takes, Ignores, Ignores, Ignores),
        follow_up: Some("All grades"),
        example: Some("Show all grades for Thames Valley Police"),
        template: Some("All grades for {force}"),
        cues: &[
            ("grades", 1.0),
            ("all grades", 1.4),
            ("ratings", 1.0),
            ("results", 1.0),
            ("result", 0.8),
            ("overview", 1.2),
            ("summary", 1.0),
            ("report card", 1.2),
            ("scorecard", 1.2),
            ("how * do", 0.8),
            ("how * doing", 0.8),
            ("how * perform", 0.9),
            ("how * performing", 0.9),
            ("how did * get on", 0.9),
            ("how good", 0.6),
            ("how bad", 0.6),
            ("any good", 1.0),
            ("is * good", 0.5),
            ("are * good", 0.5),
            ("verdict", 0.9),
            ("everything", 0.6),
            ("grade", 0.3),
            ("graded", 0.3),
            ("rated", 0.3),
            ("report", 0.2),
        ],
    },
    IntentSpec {
        intent: Intent::Quote,
        name: "quote",
        label: "Quotes",
        readable: true,
        slots: slots(Any, Takes, Ignores, Takes, Takes, Ignores),
        follow_up: Some("Quotes"),
        example: Some("What did Roy Wilsher say about Derbyshire?"),
        template: Some("What did the inspector say about {force}?"),
        cues: &[
            ("say", 1.0),
            ("said", 1.0),
            ("saying", 1.0),
            ("quote", 1.2),
            ("quoted", 1.2),
            ("comment", 0.9),
            ("words", 0.8),
            ("remark", 0.9),
            ("statement", 0.7),
            ("according to", 0.9),
            ("reported", 0.9),
            ("what did * report", 1.0),
            ("coverage", 0.6),
            ("inspector", 0.4),
            ("inspectors", 0.4),
            ("inspectorate", 0.6),
            ("hmicfrs", 0.5),
            ("hmi", 0.6),
            ("think", 0.5),
            ("thought", 0.5),
            ("reckon", 0.5),
            ("feel", 0.4),
            ("felt", 0.4),
            ("describe", 0.7),
            ("described", 0.7),
            ("highlighted", 0.6),
            ("noted", 0.5),
            ("observed", 0.5),
            ("concluded", 0.6),
            ("told", 0.4),
            ("warned", 0.6),
            ("praised", 0.5),
            ("criticised", 0.4),
        ],
    },
    IntentSpec {
        intent: Intent::Response,
        name: "response",
        label: "Official response",
        readable: true,
        slots: slots(One, Takes, Ignores, Takes, Takes, Ignores),
        follow_up: Some("Official response"),
        example: Some("How did the Chief Constable of Derbyshire respond?"),
        template: Some("How did {force} respond to the inspection?"),
        cues: &[
            ("respond", 1.2),
            ("responded", 1.2),
            ("response", 1.0),
            ("official response", 1.5),
            ("in response", 1.6),
            ("say in response", 2.2),
            ("said in response", 2.2),
            ("comment", 0.7),
            ("comments", 0.7),
            ("reaction", 1.1),
            ("react", 1.1),
            ("reacted", 1.1),
            ("reply", 0.9),
            ("replied", 0.9),
            ("chief constable", 0.9),
            ("chief", 0.7),
            ("commissioner", 0.9),
            ("police and crime commissioner", 1.0),
            ("pcc", 0.9),
            ("pfcc", 0.9),
            ("mayor", 0.9),
            ("deputy", 0.4),
            ("force say", 0.8),
            ("police say", 0.8),
            ("they say", 0.6),
            ("welcome", 0.6),
            ("welcomed", 0.6),
            ("accept", 0.5),
            ("accepted", 0.5),
            ("say", 0.5),
            ("said", 0.5),
            ("statement", 0.5),
        ],
    },
    IntentSpec {
        intent: Intent::Who,
        name: "who",
        label: "Who led it",
        readable: true,
        slots: slots(One, Ignores, Ignores, Takes, Ignores, Ignores),
        follow_up: None,
        example: Some("Who led the inspection of Thames Valley Police?"),
        template: Some("Who led the inspection of {force}?"),
        cues: &[
            ("who led", 2.0),
            ("who lead", 2.0),
            ("who inspected", 2.0),
            ("who carried out", 2.0),
            ("who did the", 1.6),
            ("who ran", 1.8),
            ("who wrote", 1.8),
            ("who was the inspector", 2.0),
            ("who is the inspector", 1.8),
            ("which inspector", 1.8),
            ("which hmi", 1.8),
            ("did * =inspect", 1.6),
            ("inspections * =led", 1.6),
            ("which hm inspector", 1.8),
            ("who * inspected", 1.6),
            ("lead inspector", 1.6),
            ("led by", 1.6),
            ("led the", 1.4),
            ("led", 1.0),
            ("lead", 0.7),
            ("headed", 1.0),
            ("conducted", 0.8),
            ("who was the hmi", 2.0),
            ("who is the hmi", 1.8),
            ("who * hmi", 1.4),
            ("who * inspector", 1.4),
            ("in charge of * inspection", 1.8),
        ],
    },
    IntentSpec {
        intent: Intent::When,
        name: "when",
        label: "When it was published",
        readable: true,
        slots: slots(One, Ignores, Ignores, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("When was Suffolk's latest PEEL report published?"),
        template: Some("When was the latest PEEL report on {force} published?"),
        cues: &[
            ("^when", 1.4),
            ("when was", 1.6),
            ("when did", 1.4),
            ("what date", 1.6),
            ("which date", 1.6),
            ("published", 1.2),
            ("publish", 1.0),
            ("publication date", 1.6),
            ("released", 1.1),
            ("release date", 1.6),
            ("come out", 1.2),
            ("came out", 1.2),
            ("date", 0.9),
            ("dated", 0.9),
            ("how long ago", 1.4),
        ],
    },
    IntentSpec {
        intent: Intent::Across,
        name: "across",
        label: "Across forces",
        readable: true,
        slots: slots(Pool, Takes, Takes, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("Which forces are inadequate at responding to the public?"),
        template: None,
        cues: &[
            ("which forces", 1.8),
            ("what forces", 1.8),
            ("which * =forces", 1.6),
            ("what * =forces", 1.5),
            ("which police forces", 1.8),
            ("what police forces", 1.8),
            ("which force", 1.4),
            ("which police", 1.2),
            ("list forces", 1.8),
            ("list the forces", 1.8),
            ("list of forces", 1.8),
            ("any forces", 1.6),
            ("any force", 1.4),
            ("all forces", 1.4),
            ("every force", 1.4),
            ("how many forces", 1.8),
            ("forces are", 1.2),
            ("forces were", 1.2),
            ("forces have", 1.2),
            ("forces got", 1.2),
            ("forces with", 1.2),
            ("forces rated", 1.4),
            ("forces graded", 1.4),
            ("forces", 0.6),
            ("rank", 1.2),
            ("ranking", 1.4),
            ("ranked", 1.2),
            ("league table", 1.4),
            ("best force", 1.4),
            ("worst force", 1.4),
            ("best forces", 1.4),
            ("worst forces", 1.4),
            ("who got", 0.8),
            ("anyone", 0.6),
            ("nationally", 0.8),
            ("in england", 0.6),
            ("in wales", 0.6),
            ("across", 0.6),
        ],
    },
    IntentSpec {
        intent: Intent::Compare,
        name: "compare",
        label: "Compare",
        readable: true,
        slots: slots(Several, Takes, Takes, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("Compare Essex and Kent on investigating crime"),
        template: None,
        cues: &[
            ("compare", 1.5),
            ("compared", 1.2),
            ("comparison", 1.5),
            ("versus", 1.5),
            ("vs", 1.5),
            ("v", 1.0),
            ("against", 0.9),
            ("difference", 1.0),
            ("differ", 1.0),
            ("better than", 1.2),
            ("worse than", 1.2),
            ("side by side", 1.5),
            ("match", 0.8),
            ("same as", 0.9),
            ("or", 0.3),
        ],
    },
    IntentSpec {
        intent: Intent::Change,
        name: "change",
        label: "Change over time",
        readable: true,
        slots: slots(One, Takes, Ignores, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("Has Derbyshire improved since 2021/22?"),
        template: Some("Has {force} improved since its last inspection?"),
        cues: &[
            ("change", 1.0),
            ("changed", 1.2),
            ("changes", 0.9),
            ("since", 0.9),
            ("over time", 1.4),
            ("trend", 1.2),
            ("improved since", 1.6),
            ("better since", 1.4),
            ("worse since", 1.4),
            ("got worse", 1.4),
            ("gone downhill", 1.6),
            ("going downhill", 1.6),
            ("downhill", 1.2),
            ("got better", 1.0),
            ("getting better", 1.2),
            ("getting worse", 1.4),
            ("gone down", 1.3),
            ("gone up", 1.3),
            ("went down", 1.3),
            ("went up", 1.3),
            ("declined", 1.2),
            ("deteriorated", 1.2),
            ("slipped", 1.2),
            ("progressed", 1.0),
            ("last time", 1.0),
            ("this time", 0.6),
            ("than before", 1.2),
            ("previous inspection", 0.7),
            ("better or worse", 1.6),
            ("then and now", 1.8),
            ("then vs now", 1.8),
            ("then versus now", 1.8),
            ("before and after", 1.4),
            ("progress", 0.9),
            ("^has * =improved", 1.6),
            ("^have * =improved", 1.6),
            ("^did * =improve", 1.4),
            ("^did * do better", 1.6),
            ("^did * get better", 1.6),
            ("^is * =improving", 1.4),
            ("^are * =improving", 1.4),
            ("compared with", 0.6),
            ("compared to", 0.6),
        ],
    },
    IntentSpec {
        intent: Intent::Strengths,
        name: "strengths",
        label: "Strengths",
        readable: true,
        slots: slots(One, Ignores, Takes, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("What has Derbyshire got better at?"),
        template: Some("What is {force} good at?"),
        cues: &[
            ("strength", 1.2),
            ("strengths", 1.2),
            ("good at", 1.2),
            ("best at", 1.3),
            ("better at", 1.1),
            ("got better at", 1.4),
            ("do well", 1.1),
            ("does well", 1.1),
            ("did well", 1.1),
            ("done well", 1.1),
            ("doing well", 0.9),
            ("well at", 1.0),
            ("positives", 1.2),
            ("positive", 0.6),
            ("excel", 1.2),
            ("praise", 1.0),
            ("praised", 1.0),
            ("commended", 1.0),
            ("progress", 0.9),
            ("improvements made", 1.0),
            ("made improvements", 1.0),
            ("has improved", 0.6),
            ("best", 0.4),
            ("outstanding at", 0.6),
            ("what went well", 1.4),
            ("what is * good at", 1.4),
            ("what are * good at", 1.4),
        ],
    },
    IntentSpec {
        intent: Intent::Topic,
        name: "topic",
        label: "What the sources say",
        readable: true,
        slots: slots(Any, Takes, Ignores, Ignores, Needs, Ignores),
        follow_up: None,
        example: Some("Is Cleveland in Engage?"),
        template: None,
        cues: &[
            ("^did", 0.4),
            ("^does", 0.4),
            ("^do", 0.3),
            ("^is", 0.3),
            ("^are", 0.3),
            ("^was", 0.3),
            ("^were", 0.3),
            ("^has", 0.3),
            ("^have", 0.3),
            ("^had", 0.3),
            ("^how many", 0.8),
            ("^how much", 0.5),
            ("^what percentage", 0.8),
            ("^what proportion", 0.8),
            ("^why", 0.6),
            ("what about", 0.6),
            ("anything about", 0.8),
            ("anything on", 0.6),
            ("tell me about", 0.5),
            ("mention", 0.7),
            ("mentioned", 0.7),
            ("sources say", 0.8),
            ("report say", 0.6),
        ],
    },
    IntentSpec {
        intent: Intent::Glossary,
        name: "glossary",
        label: "Glossary",
        readable: true,
        slots: slots(NotAbout, Ignores, Takes, Ignores, Ignores, Needs),
        follow_up: None,
        example: Some("What is a cause of concern?"),
        template: None,
        cues: &[
            ("stand for", 1.6),
            ("stands for", 1.6),
            ("mean", 1.3),
            ("means", 1.3),
            ("meaning", 1.3),
            ("define", 1.4),
            ("definition", 1.4),
            ("explain", 1.2),
            ("difference between", 1.4),
            ("^why", 0.6),
            ("same thing as", 1.2),
            ("^what is", 0.9),
            ("^what are", 0.8),
            ("^whats", 0.9),
            ("^what is a", 1.1),
            ("^what is an", 1.1),
            ("^what is the", 0.6),
            ("^who is hmicfrs", 1.4),
            ("^who are hmicfrs", 1.4),
            ("how are * graded", 1.0),
            ("how does * grading work", 1.4),
            ("what does", 0.4),
        ],
    },
    IntentSpec {
        intent: Intent::Help,
        name: "help",
        label: "Help",
        readable: true,
        slots: slots(NotAbout, Ignores, Ignores, Ignores, Ignores, Ignores),
        follow_up: None,
        example: Some("help"),
        template: None,
        cues: &[
            ("^help", 2.0),
            ("what can you do", 2.5),
            ("what can i ask", 2.5),
            ("what can you", 2.0),
            ("what questions", 1.8),
            ("what kind of questions", 2.4),
            ("what sort of questions", 2.4),
            ("how can you help", 2.2),
            ("what do you know", 2.0),
            ("how do i use", 2.0),
            ("how does this work", 2.0),
            ("what are you", 1.6),
            ("who are you", 1.6),
            ("commands", 1.6),
            ("usage", 1.4),
            ("^hi", 1.0),
            ("^hello", 1.0),
            ("^hey", 1.0),
            ("^thanks", 1.0),
            ("^thank you", 1.0),
            ("^cheers", 1.0),
            ("^good morning", 1.0),
        ],
    },
    IntentSpec {
        intent: Intent::Clarify,
        name: "clarify",
        label: "Which did you mean?",
        readable: false,
        slots: slots(Any, Takes, Takes, Takes, Takes, Takes),
        follow_up: None,
        example: None,
        template: None,
        cues: &[],
    },
    IntentSpec {
        intent: Intent::None,
        name: "none",
        label: "Not in our sources",
        readable: true,
        slots: slots(Any, Ignores, Ignores, Ignores, Ignores, Ignores),
        follow_up: None,
        example: None,
        template: None,
        // What inspection reports never answer: the present day, people's
        // jobs and pay, crime statistics, contact details, and the rest of life.
        cues: &[
            ("corrupt", 1.4),
            ("corruption", 1.4),
            ("racist", 1.4),
            ("racism", 1.4),
            ("institutionally", 1.0),
            ("sexist", 1.4),
            ("misogynist", 1.4),
            ("misogyny", 1.4),
            ("scandal", 1.2),
            ("trial", 0.8),
            ("murder", 1.0),
            ("murders", 1.0),
            ("crime rate", 1.6),
            ("crime rates", 1.6),
            ("crime statistics", 1.6),
            ("crime figures", 1.2),
            ("safe place", 1.4),
            ("safe to live", 1.4),
            ("dangerous", 0.8),
            ("join", 1.4),
            ("joining", 1.4),
            ("apply", 1.2),
            ("application", 0.8),
            ("recruiting", 0.9),
            ("career", 1.2),
            ("careers", 1.2),
            ("vacancies", 1.4),
            ("jobs", 1.0),
            ("job", 0.8),
            ("salary", 1.6),
            ("salaries", 1.6),
            ("pay", 1.0),
            ("paid", 1.0),
            ("get paid", 1.8),
            ("earn", 1.4),
            ("earns", 1.4),
            ("wage", 1.4),
            ("pension", 1.4),
            ("budget", 0.9),
            ("funding", 0.8),
            ("cut", 0.6),
            ("next year", 1.0),
            ("next", 0.9),
            ("future", 1.0),
            ("predict", 1.6),
            ("prediction", 1.6),
            ("last night", 1.4),
            ("these days", 0.8),
            ("at the moment", 0.6),
            ("right now", 0.8),
            ("currently", 0.5),
            ("current", 0.5),
            ("now", 0.4),
            ("today", 0.5),
            ("who is the chief", 1.6),
            ("whos the chief", 1.6),
            ("who is the commissioner", 1.6),
            ("who is the pcc", 1.6),
            ("whos the pcc", 1.6),
            ("who is the police and crime commissioner", 1.6),
            ("who is the current", 1.8),
            ("who is * current", 1.8),
            ("who * now", 1.0),
            ("who runs", 1.8),
            ("who is in charge", 1.8),
            ("still in charge", 1.8),
            ("still * chief constable", 1.8),
            ("still * commissioner", 1.8),
            ("^will", 0.9),
            ("who heads", 1.4),
            ("who is the head", 1.6),
            ("how many officers", 1.6),
            ("how many police officers", 1.6),
            ("how many staff", 1.2),
            ("phone number", 1.8),
            ("telephone", 1.2),
            ("contact details", 1.6),
            ("how do i contact", 1.8),
            ("contact number", 1.6),
            ("email", 1.4),
            ("their address", 1.4),
            ("address of", 1.2),
            ("website", 1.2),
            ("complain", 1.4),
            ("complaint", 1.2),
            ("report a crime", 1.6),
            ("solicitor", 1.6),
            ("lawyer", 1.6),
            ("can you recommend", 1.6),
            ("recommend a", 1.2),
            ("weather", 2.0),
            ("forecast", 1.6),
            ("football", 2.0),
            ("match", 0.4),
            ("win", 1.0),
            ("won", 0.8),
            ("score", 0.3),
            ("poem", 2.0),
            ("joke", 2.0),
            ("song", 1.6),
            ("recipe", 2.0),
            ("bus", 1.0),
            ("traffic", 1.2),
            ("parking", 1.2),
            ("fine", 0.6),
            ("speeding", 1.2),
            ("holiday", 1.4),
            ("hotel", 1.4),
            ("restaurant", 1.4),
            ("pub", 1.2),
            ("house prices", 2.0),
            ("population", 1.4),
            ("university", 1.4),
            ("school", 1.0),
            ("election", 1.4),
            ("vote", 0.8),
            ("lottery", 2.0),
            ("horoscope", 2.0),
            ("film", 1.4),
            ("movie", 1.4),
            ("music", 1.4),
            ("tickets", 1.4),
            ("stock", 1.0),
            ("shares", 1.0),
            ("write me", 1.4),
        ],
    },
    IntentSpec {
        intent: Intent::Rejected,
        name: "rejected",
        label: "Not read",
        readable: false,
        slots: slots(NotAbout, Ignores, Ignores, Ignores, Ignores, Ignores),
        follow_up: None,
        example: None,
        template: None,
        cues: &[],
    },
];

impl Intent {
    /// Every intent, in table order.
    pub fn all() -> impl Iterator<Item = Intent> {
        INTENTS.iter().map(|s| s.intent)
    }

    /// This intent's row of the table.
    pub fn spec(self) -> &'static IntentSpec {
        // The table holds every intent once (a test checks it), in enum order.
        &INTENTS[self as usize]
    }

    /// Stems of the intent's one-word cues and of the words its longer cues
    /// turn on (`=improved`): for change "progress", "deteriorated",
    /// "improved"; for improve "weakness", "failing" — what a passage saying
    /// that holds, for responders searching passages. (The other words of
    /// longer cues, "went", "over", "last", say nothing alone.) Worked out
    /// once from the table.
    pub fn cue_stems(self) -> &'static [String] {
        static STEMS: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
        let all = STEMS.get_or_init(|| {
            INTENTS
                .iter()
                .map(|spec| {
                    let mut out: Vec<String> = Vec::new();
                    for (phrase, _) in spec.cues {
                        let words: Vec<&str> = phrase.split_whitespace().collect();
                        for w in &words {
                            let w = match w.strip_prefix('=') {
                                Some(exact) => exact,
                                None if words.len() == 1 => w,
                                None => continue,
                            };
                            if w.ends_with('*') || super::words::is_stopword(w) {
                                continue;
                            }
                            let s = super::words::stem(w);
                            if !out.contains(&s) {
                                out.push(s);
                            }
                        }
                    }
                    out
                })
                .collect()
        });
        &all[self as usize]
    }

    /// The `intent` string of `ask --json`, also the metrics label.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// A question of this kind about a force, for suggestions (all grades
    /// when the intent has no question of its own about one force).
    pub fn ask_about(self, force: &str) -> String {
        let template = self
            .spec()
            .template
            .or(Intent::Overview.spec().template)
            .unwrap_or("{force}");
        template.replace("{force}", force)
    }

    /// The intent with this JSON name.
    pub fn from_name(name: &str) -> Option<Intent> {
        INTENTS.iter().find(|s| s.name == name).map(|s| s.intent)
    }
}

impl PartialEq<&str> for Intent {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

impl PartialEq<str> for Intent {
    fn eq(&self, other: &str) -> bool {
        self.name() == other
    }
}

impl std::fmt::Display for Intent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn intents_cue_stems_are_the_words_cues_turn_on() {
        let change = Intent::Change.cue_stems();
        for s in ["progress", "deterior", "improv", "declin"] {
            assert!(change.iter().any(|c| c == s), "{s}: {change:?}");
        }
        // Words of longer cues that say nothing alone are not taken.
        for s in ["went", "over", "last"] {
            assert!(!change.iter().any(|c| c == s), "{s}: {change:?}");
        }
    }

    use super::*;

    #[test]
    fn table_holds_every_intent_once_in_enum_order() {
        for (i, spec) in INTENTS.iter().enumerate() {
            assert_eq!(spec.intent as usize, i, "{} out of order", spec.name);
        }
        assert_eq!(INTENTS.len(), Intent::Rejected as usize + 1);
    }

    #[test]
    fn table_names_unique_snake_case_and_round_trip() {
        for spec in INTENTS {
            assert!(spec
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(Intent::from_name(spec.name), Some(spec.intent));
            // The JSON spelling is the table's name.
            assert_eq!(
                serde_json::to_string(&spec.intent).unwrap(),
                format!("\"{}\"", spec.name)
            );
        }
    }

    #[test]
    fn table_every_readable_intent_has_label_example_and_cues() {
        for spec in INTENTS {
            assert!(!spec.label.is_empty(), "{}", spec.name);
            if spec.readable && spec.intent != Intent::None {
                assert!(spec.example.is_some(), "{} has no help example", spec.name);
                assert!(!spec.cues.is_empty(), "{} has no cues", spec.name);
            }
        }
    }

    #[test]
    fn table_follow_up_labels_are_distinct() {
        let labels: Vec<&str> = INTENTS.iter().filter_map(|s| s.follow_up).collect();
        let mut unique = labels.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(labels.len(), unique.len());
        assert!(labels.len() >= 3, "too few follow-ups: {labels:?}");
    }

    #[test]
    fn table_cue_weights_are_positive_and_phrases_clean() {
        for spec in INTENTS {
            for (phrase, w) in spec.cues {
                assert!(*w > 0.0 && *w <= 3.0, "{}: {phrase} {w}", spec.name);
                assert_eq!(
                    phrase.trim(),
                    *phrase,
                    "{}: stray space in {phrase:?}",
                    spec.name
                );
                assert!(!phrase.is_empty());
            }
        }
    }
}
