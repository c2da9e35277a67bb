"""Verbal frames around an act that change what the sentence reports.

- "X said it will withdraw / is ready to send aid" reports an intent: AGREE (cooperative
  act), THREATEN (conflictual act) or, with "must"/"should", REQUEST; the act itself stays
  future/hypothetical.  Speculation by the writer (no speaker, no intent word) adds nothing.
- "X will not accept / failed to reach agreement" reports a refusal: REJECT.
- "X suspended aid / cancelled the visit" reduces relations: SANCTION; "lifted the curfew /
  called off the strike" yields: CONCEDE; "ended the siege" de-escalates: RETREAT.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..lang import EN
from ..model import ActorMention
from .extract import Draft, priority
from .lexicon import Entry
from .participants import child, framed
from .status import FUTURE_AUX, HYPOTHETICAL_AUX, SPEECH_VERBS, Status, _purpose, chain, status_of
from .triggers import Candidate, Token, word_forms

COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
CONFLICTUAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT"}
INTENT_WORDS = EN.words("intent_words")
OBLIGATION = {"must", "should", "ought"}
OBLIGATION_VERBS = {"need", "have"}
PARTITIVE = EN.words("partitive")
RESTRICTIVE = {"prohibit", "ban", "block", "deny"}  # end cooperation only: "banned aid"
ENDING = EN.words("ending") | RESTRICTIVE
FRAME_VERBS = SPEECH_VERBS | EN.words("frame_verbs_beyond_speech")
VERBAL = {"AGREE": "030", "THREATEN": "130", "REQUEST": "100", "REJECT": "120",
          "SANCTION": "160", "CONCEDE": "080", "RETREAT": "087"}


def _derived(d: Draft, token: Token, plover: str, status: Status | None = None,
             mode: str | None = None) -> Draft:
    entry = replace(d.cand.entry, plover=plover, mode=mode, cameo=VERBAL[plover], acled=None,
                    head=token.lemma_.lower(), needs=())
    if status is None:  # the statement's own status: "it might offer to impose sanctions"
        status = status_of(token, token.sent, []) if token is not d.token else Status()
    return Draft(Candidate(token, entry, (token.i,)), None, d.parts, status, d.depth - 1)


def _frame(token: Token) -> tuple[Token | None, bool]:
    """(the speech or intent word governing the act, whether an obligation modal is there)."""
    frame, must = None, False
    for t in chain(token):
        kids = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in kids):
            must = True
        if t.lemma_.lower() in OBLIGATION_VERBS and any(c.dep_ == "xcomp" for c in kids) \
                and t is not token:
            must = True
        lemma = t.lemma_.lower()
        if t is not token and frame is None and (lemma in FRAME_VERBS or
                                                 t.lower_ in INTENT_WORDS or
                                                 lemma in INTENT_WORDS):
            frame = t
    if frame is None:
        root = chain(token)[-1]
        frame = next((c for c in root.children if c.dep_ in ("parataxis", "ccomp", "advcl",
                                                              "conj") and
                      c.lemma_.lower() in FRAME_VERBS and c.i > token.i), None)
    return frame, must


def intent(d: Draft) -> Draft | None:
    """The verbal event reporting an announced intent, demand or refusal, if any."""
    if d.status.value not in ("future", "hypothetical", "negated") or _purpose(d.token):
        return None
    frame, must = _frame(d.token)
    if d.status.value != "negated" and not _announced(d.token, frame):
        return None
    plover = d.cand.entry.plover
    if d.status.value == "negated":
        has_agent = child(d.token, "nsubj") is not None or frame is not None
        if plover in COOPERATIVE and has_agent:
            return _derived(d, frame or d.token, "REJECT")
        return None
    own_will = any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in d.token.children)
    if frame is None and d.status.value == "future" and own_will:
        # "Turkey will allow refugees to return": an intent, dated in the future itself
        frame_status = d.status
        if plover in CONFLICTUAL:
            return _derived(d, d.token, "THREATEN", frame_status)
        if plover in COOPERATIVE and plover != "AGREE":
            return _derived(d, d.token, "AGREE", frame_status)
        return None
    if frame is None:
        return None
    if must:
        return _derived(d, frame, "REQUEST")
    if plover in CONFLICTUAL:
        return _derived(d, frame, "THREATEN")
    if plover in COOPERATIVE and plover != "AGREE":
        return _derived(d, frame, "AGREE")
    return None


def _announced(token: Token, frame: Token | None) -> bool:
    """A modal or an intent word between the act and its speaker ("said it will withdraw");
    not an attempt or a plan reported by the writer ("tried to hack")."""
    for t in chain(token):
        if frame is not None and t is frame:
            return True
        auxes = {c.lower_ for c in t.children if c.dep_ == "aux"}
        if auxes & (FUTURE_AUX | HYPOTHETICAL_AUX | OBLIGATION):
            return True
        if t is not token and (t.lemma_.lower() in INTENT_WORDS or t.lower_ in INTENT_WORDS):
            return True
    return False


def ending(d: Draft, sent: Any, mentions: list[ActorMention]) -> Draft | None:
    """'suspended aid' -> SANCTION; 'lifted the curfew' -> CONCEDE; 'ended the siege' -> RETREAT."""
    token = d.token
    if token.dep_ == "compound":  # "ended mediation efforts"
        token = token.head
    gov = token.head
    if token.dep_ == "pobj" and gov.lower_ == "of":
        gov = gov.head
        if gov.lower_ in PARTITIVE and gov.dep_ == "dobj":  # "suspended part of the aid"
            gov = gov.head
    elif token.dep_ not in ("dobj", "nsubjpass"):
        return None
    if not set(word_forms(gov)) & ENDING or gov.i == token.i:
        return None
    if gov.lemma_.lower() == "call" and not any(c.lower_ == "off" for c in gov.children):
        return None
    plover = d.cand.entry.plover
    if set(word_forms(gov)) & RESTRICTIVE and plover not in COOPERATIVE:
        return None  # "banned the protest" is a ban, and the protest a theme of it
    new = "SANCTION" if plover in COOPERATIVE else "RETREAT" if plover == "ASSAULT" \
        else "CONCEDE"
    return _derived(d, gov, new, status_of(gov, sent, mentions))


def bare_request(sent: Any, mentions: list[ActorMention]) -> Draft | None:
    """'X said Y must drop its barriers': a demand even when the act is not in the lexicon."""
    from .participants import participants
    from .triggers import depth

    for token in sent:
        if token.dep_ == "aux" and token.lower_ in OBLIGATION:
            frame, _ = _frame(token.head)
            if frame is None:
                continue
            entry = Entry("V", frame.lemma_.lower(), (), "REQUEST", None, "100", None)
            return Draft(Candidate(frame, entry, (frame.i,)), None,
                         participants(frame, mentions), status_of(frame, sent, mentions),
                         depth(frame))
    return None


def apply_frames(found: list[Draft], sent: Any, mentions: list[ActorMention]
                 ) -> list[Draft]:
    """Rewrite acts ended by another verb and put reported intents first."""
    if not found:
        demand = bare_request(sent, mentions)
        return [demand] if demand is not None else []
    out: list[Draft] = []
    for d in found:
        replaced = ending(d, sent, mentions)
        if replaced is None:
            out.append(d)
            continue
        replaced.parts = framed(replaced.token, d.parts, mentions, speech=False)
        owner = next((o for o in found if o is not d and o.token.i == replaced.token.i), None)
        if owner is None:
            out.append(replaced)
        elif replaced.cand.entry.plover == "SANCTION":  # "prohibited all aid"
            owner.cand = replaced.cand
            owner.sub = None
    out.sort(key=priority)
    for n, d in enumerate(out[:2]):  # the main act, or a verb below a nominal one
        if n and not (out[0].token.pos_ == "NOUN" and d.token.pos_ == "VERB" and
                      out[0].status.value != "asserted"):
            break
        verbal = intent(d)
        if verbal is not None and verbal.token.i != d.token.i:
            verbal.parts = framed(verbal.token, d.parts, mentions, speech=True)
        if verbal is not None:
            if out[0].cand.entry.plover != verbal.cand.entry.plover:
                out.insert(0, verbal)
            break
    return out
