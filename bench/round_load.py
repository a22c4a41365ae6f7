"""Issue 14: a scoring round measured on the server, with clients that speak Streamlit's protocol.

Issue 13 left the target "30 phones answering, p95 ≤ 500 ms" waiting for the scoring rounds.
One fresh `streamlit run app.py` on a throwaway store that holds two rounds made beforehand:
an open one on the plan's 39 services, and a revealed one with `--participants` × 39 answers
already in. Measured in this order, one after the other on the same server:

1. the overview: `--presses` key presses on the horizon slider (fragment runs);
2. the reveal of the revealed round (pages/11_Scoreronde.py): the same key presses, its chart
   and disagreement list recomputed from `--participants` × 39 answers each time;
3. `--participants` phones open `/?ronde=CODE` at once, then each answers one score about every
   `--interval` seconds for `--seconds` (a change of one select_slider of the card, as the
   browser sends it: a fragment run), moving to the next card after four scores.

Reported: per action p50 / p95 / max (request sent → script_finished), the server's CPU per
answer, and errors; afterwards every answer a phone was told was stored must be in the store
exactly once.

    python bench/round_load.py                               # 30 phones × 60 s
    python bench/round_load.py --participants 5 --seconds 5 --presses 5
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402 - beside this script
import load_protocol as protocol  # noqa: E402 - beside this script
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from igemo_data import load_services  # noqa: E402
from igemo_data.rounds import SCALE  # noqa: E402
from igemo_data.schema import SCORE_COLUMNS  # noqa: E402
from igemo_data.store.rounds import RoundStore  # noqa: E402
from igemo_data.texts import t  # noqa: E402
from igemo_data.texts.formatting import decimal  # noqa: E402
from tests.browser import StreamlitServer, element_kind  # noqa: E402

LANG = "nl"
HORIZON = t("horizon", LANG)
SCORE_LABELS = tuple(t(f"field_{column}", LANG) for column in SCORE_COLUMNS)
NEXT = t("round_next", LANG)
DONT_KNOW = t("round_dont_know", LANG)
ROUND_PAGE = "Scoreronde"
OVERVIEW_PRESS = "overview: key press on the horizon (fragment run)"
REVEAL_PRESS = "reveal: key press on the horizon (fragment run)"
OPEN = "a phone opens the round (all at once)"
ANSWER = "a phone answers one score (fragment run)"
NEXT_CARD = "a phone goes to the next card"
ACTIONS = (OVERVIEW_PRESS, REVEAL_PRESS, OPEN, ANSWER, NEXT_CARD)
TARGET_MS = protocol.ROUNDS_TARGET_MS


class Phone(protocol.Session):
    """A session that also keeps which fragment drew each widget (a card is a fragment)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ids: dict[str, tuple[str, str]] = {}  # label → (widget id, fragment id)

    def _element(self, message) -> None:
        super()._element(message)
        kind = element_kind(message)
        if kind in ("slider", "button", "text_input", "selectbox"):
            element = getattr(message.delta.new_element, kind)
            self.ids[element.label] = (element.id, message.delta.fragment_id)


@dataclass
class Log:
    latency: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    errors: list[str] = field(default_factory=list)
    acknowledged: set[tuple[int, str]] = field(default_factory=set)  # (phone, service)

    def look(self, who: str, run: protocol.Run) -> None:
        self.errors.extend(f"{who}: {problem}" for problem in run.problems())


def _prepare(path: Path, participants: int, seed: int) -> tuple[str, str, list[str]]:
    """The open round to answer and the revealed round full of answers, in a new store."""
    services = load_services(common.BUNDLED)
    ids = [str(i) for i in services["id"]]
    store = RoundStore(path)
    rng = random.Random(seed)
    try:
        answering = store.open_round("Meting: antwoorden", "plan-2019-2024", ids)
        revealed = store.open_round("Meting: onthulling", "plan-2019-2024", ids)
        for number in range(participants):
            for sid in ids:
                scores = {c: rng.choice(SCALE) for c in SCORE_COLUMNS}
                store.answer(revealed.code, f"bench-{number}", sid, scores)
        store.reveal(revealed.code)
    finally:
        store.close()
    return answering.code, revealed.code, ids


def _select_slider(session: Phone, label: str, index: int) -> tuple[WidgetState, str]:
    """A select_slider travels as its option's label: "weet niet", "1,0" … "2,0"."""
    widget_id, fragment = session.ids[label]
    state = WidgetState(id=widget_id)
    words = DONT_KNOW if index == 0 else decimal(SCALE[index - 1], LANG, digits=1)
    state.string_array_value.data.append(words)
    return state, fragment


async def _presses(session: Phone, log: Log, action: str, presses: int) -> None:
    """Key presses on the horizon: the sidebar's live control (issue 17) sends the three
    settings as one value, as `load_protocol.slider_states` writes it."""
    for press in range(presses):
        horizon = 5 * ((press % 10) + 1)
        fragment = session.sliders[HORIZON].fragment_id
        states = protocol.slider_states(session, protocol.Values(horizon=horizon))
        elapsed, run = await session.rerun(states, fragment_id=fragment)
        log.look(action, run)
        log.latency[action].append(elapsed)


async def _phone(
    number: int,
    session: Phone,
    code: str,
    ids: list[str],
    log: Log,
    stop_at: float,
    interval: float,
) -> None:
    rng = random.Random(number)
    card = 0
    values = dict.fromkeys(SCORE_LABELS, 0)  # indices into [weet niet, 1,0 … 2,0]
    await asyncio.sleep(rng.uniform(0, interval))
    while time.monotonic() < stop_at and not session.closed:
        for label in SCORE_LABELS:
            values[label] = rng.randrange(1, len(SCALE) + 1)
            states, fragment = [], ""
            for each in SCORE_LABELS:  # the browser sends every widget of the card
                state, fragment = _select_slider(session, each, values[each])
                states.append(state)
            try:
                elapsed, run = await session.rerun(states, fragment_id=fragment)
            except (OSError, TimeoutError, ConnectionError) as error:
                log.errors.append(f"phone {number}: {error!r}")
                return
            log.look(f"phone {number}", run)
            log.latency[ANSWER].append(elapsed)
            if not run.problems():
                log.acknowledged.add((number, ids[card % len(ids)]))
            await asyncio.sleep(max(0.0, interval * rng.uniform(0.8, 1.2)))
            if time.monotonic() >= stop_at:
                return
        widget_id, fragment = session.ids[NEXT]
        elapsed, run = await session.rerun(
            [WidgetState(id=widget_id, trigger_value=True)], fragment_id=fragment
        )
        log.look(f"phone {number}", run)
        log.latency[NEXT_CARD].append(elapsed)
        card += 1
        values = dict.fromkeys(SCORE_LABELS, 0)


async def _room(server: StreamlitServer, args, code: str, ids: list[str], log: Log) -> dict:
    facilitator = Phone(server.url, [], args.timeout)
    await facilitator.connect()
    run = (await facilitator.rerun(page_hash="", query=""))[1]
    log.look("overview", run)
    await _presses(facilitator, log, OVERVIEW_PRESS, args.presses)
    run = (await facilitator.rerun(page_hash=facilitator.pages[ROUND_PAGE], query=""))[1]
    log.look("reveal", run)
    await _presses(facilitator, log, REVEAL_PRESS, args.presses)
    await facilitator.close()

    phones = [Phone(server.url, [], args.timeout) for _ in range(args.participants)]

    async def join(number: int, phone: Phone) -> None:
        await phone.connect()
        elapsed, run = await phone.rerun(page_hash="", query=f"ronde={code}")
        log.look(f"phone {number}", run)
        log.latency[OPEN].append(elapsed)

    await asyncio.gather(*(join(n, p) for n, p in enumerate(phones)))
    cpu_before, started = protocol.cpu_seconds(server.pid), time.monotonic()
    await asyncio.gather(
        *(
            _phone(n, p, code, ids, log, started + args.seconds, args.interval)
            for n, p in enumerate(phones)
        )
    )
    cpu = protocol.cpu_seconds(server.pid) - cpu_before
    for phone in phones:
        await phone.close()
    return {"server_cpu_s": cpu, "window_s": time.monotonic() - started}


def measure(args) -> dict:
    server = StreamlitServer()
    code, _, ids = _prepare(server.store_path, args.participants, common.SEED)
    log = Log()
    try:
        server.start()
        room = asyncio.run(_room(server, args, code, ids, log))
        server.stop()  # the store is read after the server let go of it, before it is removed
        if log.errors:
            print(server.output()[-4000:], flush=True)
        store = RoundStore(server.store_path)
        try:
            rows = store.answers(code)
        finally:
            store.close()
    finally:
        server.close()
    stored = len(rows)
    duplicates = int(rows.duplicated(["participant", "service_id"]).sum())
    answers = len(log.latency[ANSWER])
    return {
        "participants": args.participants,
        "latency": log.latency,
        "errors": log.errors,
        "answers": answers,
        "cards_acknowledged": len(log.acknowledged),
        "rows_stored": stored,
        "duplicates": duplicates,
        "cpu_ms_per_answer": 1000 * room["server_cpu_s"] / max(answers, 1),
        **room,
    }


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__.split("\n\n")[0], "round_load")
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between answers")
    parser.add_argument("--presses", type=int, default=20, help="key presses per screen")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    report = common.Report("round_load", argv)
    print(f"{args.participants} phones × {args.seconds:g} s …", flush=True)
    result = measure(args)
    rows = [
        [action, len(s), *(protocol.percentile(s, q) for q in (50, 95, 100))]
        for action, s in result["latency"].items()
        if s
    ]
    report.table(
        common.Table(
            f"Scoring round, {args.participants} participants × 39 services (ms, send → done)",
            ["action", "n", "p50", "p95", "max"],
            rows,
            note=(
                f"server CPU {result['cpu_ms_per_answer']:.1f} ms per answer; "
                f"{result['answers']} answers, {result['rows_stored']} rows stored, "
                f"{result['duplicates']} duplicates, {len(result['errors'])} errors"
            ),
        )
    )
    for error in result["errors"][:10]:
        print(f"  {error}")
    answer = result["latency"][ANSWER]
    if answer:
        report.row(
            "r",
            f"{args.participants} phones answering every {args.interval:g} s, p95",
            answer,
            value=protocol.percentile(answer, 95),
            limit=TARGET_MS,
            target=f"≤ {TARGET_MS:.0f} ms",
        )
    for action in (OVERVIEW_PRESS, REVEAL_PRESS):
        if result["latency"][action]:
            report.row("r", action, result["latency"][action])
    report.row(
        "r",
        "server CPU per answer",
        value=result["cpu_ms_per_answer"],
        shown=f"{result['cpu_ms_per_answer']:.1f} ms",
    )
    report.data["results"] = {k: v for k, v in result.items() if k != "latency"}
    report.data["results"]["latency"] = result["latency"]
    report.write(args.output)
    lost = result["cards_acknowledged"] - result["rows_stored"]
    if lost:
        print(f"  {lost} acknowledged answers are not in the store")
    return 1 if result["errors"] or result["duplicates"] or lost else 0


if __name__ == "__main__":
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    sys.exit(main())
