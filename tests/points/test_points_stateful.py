"""The ledger against a naive model, command by command (valid and invalid)."""

from __future__ import annotations

import pendulum
import points_naive as naive
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from neighborhood_pb import (
    ConflictError,
    NeighborhoodPBError,
    NotAuthorisedError,
    Period,
    RuleViolationError,
    UnknownRecordError,
)
from neighborhood_pb.points import (
    AUTO_APPROVAL_SUFFIX,
    AUTOMATIC_REVIEWER,
    Approval,
    Claim,
    ClaimStatus,
    Entry,
    Ledger,
    Redemption,
    Refund,
    Rejection,
    Restock,
    Reversal,
    ReviewPolicy,
    local_day,
)
from neighborhood_pb.testing.points import build_points_world

ZONE = "Asia/Shanghai"
WORLD = build_points_world(members_per_community=2)
MEMBERS = WORLD.members
PEOPLE = (*MEMBERS, *WORLD.reviewers, "X", "nobody")
ITEMS = (*(item.code for item in WORLD.catalogue.items), "unknown-item")
GOODS = ("soap", "rice", "unknown-goods")
KEYS = st.integers(0, 60).map(lambda n: f"e{n}")
BASE = pendulum.datetime(2024, 1, 1, tz=ZONE)
PERIODS = (
    Period.month(2024, 1),
    Period.month(2024, 2),
    Period.month(2024, 3),
    Period.quarter(2024, 1),
    Period.quarter(2024, 2),
    Period.year(2024),
)


def _expect(error: type[Exception] | None, outcome: object) -> None:
    if error is None:
        assert not isinstance(outcome, Exception), f"refused: {outcome}"
    else:
        assert isinstance(outcome, error), f"expected {error.__name__}, got {outcome!r}"


class LedgerMachine(RuleBasedStateMachine):
    """Random commands; the ledger must agree with the model on acceptance and on figures."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger = WORLD.ledger()
        self.log: list[Entry] = []
        self.seen_lengths: list[int] = [0]
        self._memo: tuple[int, dict[str, object]] = (-1, {})
        self._checked: dict[str, int] = {}

    def _new_since(self, check: str) -> bool:
        """Whether entries came since ``check`` last ran: a refused or repeated command
        leaves the ledger as it was (``_run`` asserts it), so a recomputation from every
        entry would find what it found then."""
        if self._checked.get(check) == len(self.log):
            return False
        self._checked[check] = len(self.log)
        return True

    def _model(self) -> dict[str, object]:
        """The naive figures for the current log, computed once per log length."""
        if self._memo[0] != len(self.log):
            log, catalogue = self.log, WORLD.catalogue
            self._memo = (
                len(self.log),
                {
                    "awards": naive.awards(log, catalogue),
                    "balances": naive.balances(log, catalogue, MEMBERS),
                    "totals": {p: naive.totals(log, catalogue, p) for p in PERIODS},
                    "stock": naive.stock(log),
                    "statuses": naive.statuses(log),
                },
            )
        return self._memo[1]

    # -- helpers ---------------------------------------------------------------------------

    def _state(self) -> object:
        ledger = self.ledger
        return (
            ledger.entries(),
            ledger.standings.snapshot(),
            {code: ledger.stock(code) for code in ("soap", "rice")},
            {c.key: ledger.status(c.key) for c in self.log if isinstance(c, Claim)},
        )

    def _run(self, command: object, error: type[Exception] | None) -> object:
        before = self._state()
        try:
            outcome: object = command()  # type: ignore[operator]
        except NeighborhoodPBError as exc:
            outcome = exc
        _expect(error, outcome)
        if error is not None:
            assert self._state() == before, "a rejected command changed the ledger"
        return outcome

    def _record(
        self, error: type[Exception] | None, existing: Entry | None, outcome: object
    ) -> None:
        if error is not None:
            return
        if existing is None:
            self.log.append(outcome)  # type: ignore[arg-type]
        else:
            assert outcome is existing, "a resubmitted key must return the original entry"

    def _existing(self, key: str) -> Entry | None:
        return next((e for e in self.log if e.key == key), None)

    def _status(self) -> dict[str, ClaimStatus]:
        return self._model()["statuses"]  # type: ignore[return-value]

    def _balances(self) -> dict[str, int]:
        return self._model()["balances"]  # type: ignore[return-value]

    def _authorised(self, reviewer: str, member: str) -> type[Exception] | None:
        if reviewer == member:
            return NotAuthorisedError
        return None if reviewer in WORLD.reviewers_for(member) else NotAuthorisedError

    # -- commands --------------------------------------------------------------------------

    @initialize(talks=st.integers(0, 6), soap=st.integers(0, 5))
    def open_the_supermarket(self, talks: int, soap: int) -> None:
        """Some stock and some points to start from, so that redemptions and refunds happen."""
        for n in range(talks):
            claim = self.ledger.claim(
                key=f"start-{n}",
                member_id="M1-0",
                item_code="talk",
                service_date=BASE.date(),
                at=BASE.add(hours=n),
            )
            self.log.extend(self.ledger.entries()[-2:])
            assert claim is self.log[-2]
        if soap:
            self.log.append(
                self.ledger.restock(
                    key="start-soap", goods_code="soap", quantity=soap, at=BASE, actor="R-S"
                )
            )

    @rule(
        key=KEYS,
        member=st.sampled_from((*MEMBERS, "X")),
        item=st.sampled_from(ITEMS),
        day=st.integers(0, 75),
        hours=st.integers(-30, 240),
        evidence=st.booleans(),
        utc=st.booleans(),
        actor=st.sampled_from((None, *PEOPLE)),
    )
    def claim(
        self,
        key: str,
        member: str,
        item: str,
        day: int,
        hours: int,
        evidence: bool,
        utc: bool,
        actor: str | None,
    ) -> None:
        service_date = BASE.date().add(days=day)
        at = BASE.add(days=day, hours=hours)
        if utc:
            at = at.in_timezone("UTC")
        proofs = ("photo",) if evidence else ()
        existing = self._existing(key)
        error: type[Exception] | None = None
        if existing is not None:
            same = (
                isinstance(existing, Claim)
                and (existing.member_id, existing.item_code, existing.service_date)
                == (member, item, service_date)
                and existing.at == at
                and existing.evidence == proofs
                and existing.actor == (member if actor is None else actor)
            )
            error = None if same else ConflictError
        elif member == "X":
            error = RuleViolationError
        elif item == "unknown-item":
            error = UnknownRecordError
        elif (
            WORLD.catalogue.item(item, service_date).evidence_required and not evidence
        ) or service_date > local_day(at, ZONE):
            error = RuleViolationError
        elif actor not in (None, member, *WORLD.reviewers_for(member)):
            error = NotAuthorisedError
        outcome = self._run(
            lambda: self.ledger.claim(
                key=key,
                member_id=member,
                item_code=item,
                service_date=service_date,
                at=at,
                actor=actor,
                evidence=proofs,
            ),
            error,
        )
        if error is None and existing is None:
            assert isinstance(outcome, Claim)
            self.log.append(outcome)
            if WORLD.catalogue.item(item, service_date).review is ReviewPolicy.AUTOMATIC:
                self.log.append(
                    Approval(
                        key=key + AUTO_APPROVAL_SUFFIX,
                        claim_key=key,
                        at=at,
                        actor=AUTOMATIC_REVIEWER,
                        automatic=True,
                    )
                )
        elif existing is not None and error is None:
            assert outcome is existing

    def _claims(self) -> list[Claim]:
        return [e for e in self.log if isinstance(e, Claim)]

    @precondition(lambda self: any(isinstance(e, Claim) for e in self.log))
    @rule(
        data=st.data(),
        key=KEYS,
        reviewer=st.sampled_from(PEOPLE),
        hours=st.integers(-5, 300),
        approve=st.booleans(),
    )
    def review(
        self, data: st.DataObject, key: str, reviewer: str, hours: int, approve: bool
    ) -> None:
        claim_key = data.draw(st.sampled_from([c.key for c in self._claims()] + ["no-claim"]))
        claim = next((c for c in self._claims() if c.key == claim_key), None)
        at = (claim.at if claim is not None else BASE).add(hours=hours)
        if approve:
            entry: Entry = Approval(key=key, claim_key=claim_key, at=at, actor=reviewer)
        else:
            entry = Rejection(key=key, claim_key=claim_key, at=at, actor=reviewer, reason="不符")
        existing = self._existing(key)
        error: type[Exception] | None = None
        if existing is not None:
            error = None if existing == entry else ConflictError
        elif claim is None:
            error = UnknownRecordError
        elif self._status()[claim.key] is not ClaimStatus.PENDING or at < claim.at:
            error = RuleViolationError
        else:
            error = self._authorised(reviewer, claim.member_id)
        outcome = self._run(lambda: self.ledger.append(entry), error)
        if error is None and existing is None:
            self.log.append(entry)
        elif error is None:
            assert outcome is existing

    @precondition(lambda self: any(isinstance(e, Approval) for e in self.log))
    @rule(data=st.data(), key=KEYS, reviewer=st.sampled_from(PEOPLE), hours=st.integers(-5, 300))
    def reverse(self, data: st.DataObject, key: str, reviewer: str, hours: int) -> None:
        approvals = [e for e in self.log if isinstance(e, Approval)]
        approval_key = data.draw(st.sampled_from([a.key for a in approvals] + ["no-approval"]))
        approval = next((a for a in approvals if a.key == approval_key), None)
        at = (approval.at if approval is not None else BASE).add(hours=hours)
        existing = self._existing(key)
        candidate = Reversal(
            key=key, approval_key=approval_key, at=at, actor=reviewer, reason="更正"
        )
        error: type[Exception] | None = None
        reversed_ = {e.approval_key for e in self.log if isinstance(e, Reversal)}
        if existing is not None:
            error = None if existing == candidate else ConflictError
        elif approval is None:
            error = UnknownRecordError
        else:
            member = next(c for c in self._claims() if c.key == approval.claim_key).member_id
            redeemed = [
                e.at for e in self.log if isinstance(e, Redemption) and e.member_id == member
            ]
            if approval.key in reversed_ or at < approval.at or at < max(redeemed, default=at):
                error = RuleViolationError
            else:
                error = self._authorised(reviewer, member)
        outcome = self._run(
            lambda: self.ledger.reverse(
                key=key, approval_key=approval_key, reviewer_id=reviewer, at=at, reason="更正"
            ),
            error,
        )
        self._record(error, existing, outcome)
        if error is None:
            assert approval is not None
            assert self.ledger.status(approval.claim_key) is ClaimStatus.REVERSED

    @rule(
        key=KEYS,
        goods=st.sampled_from(GOODS),
        quantity=st.integers(1, 4),
        day=st.integers(1, 110),
        actor=st.sampled_from(PEOPLE),
    )
    def restock(self, key: str, goods: str, quantity: int, day: int, actor: str) -> None:
        existing = self._existing(key)
        at = BASE.add(days=day)
        candidate = Restock(key=key, goods_code=goods, quantity=quantity, at=at, actor=actor)
        error: type[Exception] | None = None
        if existing is not None:
            error = None if existing == candidate else ConflictError
        elif goods == "unknown-goods":
            error = UnknownRecordError
        elif actor not in WORLD.reviewers:  # a post in any organisation of the tree
            error = NotAuthorisedError
        outcome = self._run(
            lambda: self.ledger.restock(
                key=key, goods_code=goods, quantity=quantity, at=at, actor=actor
            ),
            error,
        )
        self._record(error, existing, outcome)

    @rule(
        key=KEYS,
        member=st.sampled_from((*MEMBERS, "nobody")),
        basket=st.dictionaries(st.sampled_from(GOODS), st.integers(1, 3), min_size=1, max_size=2),
        day=st.integers(0, 110),
        actor=st.sampled_from((None, *PEOPLE)),
    )
    def redeem(
        self, key: str, member: str, basket: dict[str, int], day: int, actor: str | None
    ) -> None:
        at = BASE.add(days=day, hours=12)
        existing = self._existing(key)
        stock: dict[str, int] = self._model()["stock"]  # type: ignore[assignment]
        prices = {"soap": 3, "rice": 10}
        error: type[Exception] | None = None
        if existing is not None:
            same = (
                isinstance(existing, Redemption)
                and existing.member_id == member
                and {line.goods_code: line.quantity for line in existing.lines} == basket
                and existing.at == at
                and existing.actor == (member if actor is None else actor)
            )
            error = None if same else ConflictError
        elif "unknown-goods" in basket or member == "nobody":
            error = UnknownRecordError
        elif (
            any(q > stock.get(code, 0) for code, q in basket.items())
            or sum(prices[c] * q for c, q in basket.items()) > self._balances()[member]
            or at < (naive.latest_moving(self.log, member, basket) or at)  # type: ignore[operator]
        ):
            error = RuleViolationError
        elif actor not in (None, member, *WORLD.reviewers):
            error = NotAuthorisedError
        outcome = self._run(
            lambda: self.ledger.redeem(key=key, member_id=member, goods=basket, at=at, actor=actor),
            error,
        )
        self._record(error, existing, outcome)

    @precondition(lambda self: any(isinstance(e, Redemption) for e in self.log))
    @rule(data=st.data(), key=KEYS, hours=st.integers(-2, 10), actor=st.sampled_from(PEOPLE))
    def refund(self, data: st.DataObject, key: str, hours: int, actor: str) -> None:
        redemptions = [e for e in self.log if isinstance(e, Redemption)]
        target = data.draw(st.sampled_from(redemptions))
        before_balance = self.ledger.balance(target.member_id)
        before_stock = {
            line.goods_code: self.ledger.stock(line.goods_code) for line in target.lines
        }
        refunded = {e.redemption_key for e in self.log if isinstance(e, Refund)}
        existing = self._existing(key)
        candidate = Refund(
            key=key,
            redemption_key=target.key,
            at=target.at.add(hours=hours),
            actor=actor,
            reason="退货",
        )
        error: type[Exception] | None = None
        if existing is not None:
            error = None if existing == candidate else ConflictError
        elif target.key in refunded or hours < 0:
            error = RuleViolationError
        elif actor == target.member_id or actor not in WORLD.reviewers:
            error = NotAuthorisedError
        outcome = self._run(
            lambda: self.ledger.refund(
                key=key,
                redemption_key=target.key,
                at=target.at.add(hours=hours),
                actor=actor,
                reason="退货",
            ),
            error,
        )
        self._record(error, existing, outcome)
        if error is None and existing is None:
            assert self.ledger.balance(target.member_id) == before_balance + target.points
            for line in target.lines:
                assert self.ledger.stock(line.goods_code) == (
                    before_stock[line.goods_code] + line.quantity
                )

    @precondition(lambda self: bool(self.log))
    @rule(data=st.data())
    def resubmit(self, data: st.DataObject) -> None:
        entry = data.draw(st.sampled_from(self.log))
        before = self._state()
        original = self.ledger.entry(entry.key)
        assert original == entry
        assert self.ledger.append(entry) is original
        assert self._state() == before

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def log_matches_model_and_only_grows(self) -> None:
        entries = self.ledger.entries()
        assert list(entries) == self.log
        assert len(entries) >= self.seen_lengths[-1]
        self.seen_lengths.append(len(entries))
        assert len({e.key for e in entries}) == len(entries)

    @invariant()
    def statuses_follow_allowed_transitions(self) -> None:
        for key, status in self._status().items():
            assert self.ledger.status(key) is status
        reversed_ = [e for e in self.log if isinstance(e, Reversal)]
        assert len({e.approval_key for e in reversed_}) == len(reversed_)
        refunds = [e for e in self.log if isinstance(e, Refund)]
        assert len({e.redemption_key for e in refunds}) == len(refunds)

    @invariant()
    def balances_are_sums_of_effective_entries(self) -> None:
        expected = self._balances()
        for member in MEMBERS:
            assert self.ledger.balance(member) == expected[member]

    @invariant()
    def caps_never_exceeded(self) -> None:
        if not self._new_since("caps_never_exceeded"):
            return
        scored = self.ledger.standings.snapshot().awards
        assert dict(scored) == self._model()["awards"]
        groups: dict[tuple[str, str, str], int] = {}
        for claim in naive.approved_claims(self.log):
            item = WORLD.catalogue.item(claim.item_code, claim.service_date)
            if item.cap is None or not scored[claim.key]:
                continue
            cycle = Period.of(item.cap.per, claim.service_date)
            group = (claim.member_id, claim.item_code, str(cycle))
            groups[group] = groups.get(group, 0) + 1
            assert groups[group] <= item.cap.awards

    @invariant()
    def totals_and_ranks_match_the_model(self) -> None:
        if not self._new_since("totals_and_ranks_match_the_model"):
            return
        standings = self.ledger.standings
        for period in PERIODS:
            expected = self._model()["totals"][period]  # type: ignore[index]
            assert dict(standings.totals(period)) == expected
            for member in MEMBERS:
                assert standings.rank(member, period) == naive.rank(expected, member)

    @invariant()
    def months_add_up_to_quarters_and_years(self) -> None:
        if not self._new_since("months_add_up_to_quarters_and_years"):
            return
        standings = self.ledger.standings
        for member in MEMBERS:
            months = [standings.total(member, Period.month(2024, m)) for m in range(1, 13)]
            quarters = [standings.total(member, Period.quarter(2024, q)) for q in range(1, 5)]
            assert quarters == [sum(months[i : i + 3]) for i in (0, 3, 6, 9)]
            assert standings.total(member, Period.year(2024)) == sum(quarters)
            assert standings.total(member, Period.year(2024)) == standings.earned(member)

    @invariant()
    def stock_is_derived_and_never_negative(self) -> None:
        expected: dict[str, int] = self._model()["stock"]  # type: ignore[assignment]
        for code in ("soap", "rice"):
            assert self.ledger.stock(code) == expected.get(code, 0) >= 0

    @invariant()
    def balances_and_stock_hold_at_every_instant(self) -> None:
        model = self._model()
        if "instants" not in model:
            model["instants"] = naive.figures_at_every_redemption(self.log, WORLD.catalogue)
        for _key, balance, stock in model["instants"]:  # type: ignore[attr-defined]
            assert balance >= 0
            assert all(count >= 0 for count in stock.values())

    @invariant()
    def claims_as_they_stood_at_a_cut(self) -> None:
        if not self._new_since("claims_as_they_stood_at_a_cut"):
            return
        for days in (20, 60, 100):
            cut = BASE.add(days=days)
            expected = naive.statuses_before(self.log, cut)
            for member in MEMBERS:
                approved = self.ledger.claims_of(member, status=ClaimStatus.APPROVED, before=cut)
                want = [
                    e.key
                    for e in self.log
                    if isinstance(e, Claim)
                    and e.member_id == member
                    and expected.get(e.key) is ClaimStatus.APPROVED
                ]
                assert [c.key for c in approved] == want

    @invariant()
    def indices_agree_with_a_full_recomputation(self) -> None:
        if self._new_since("audit"):
            assert self.ledger.audit() == ()

    @invariant()
    def a_rebuild_from_records_gives_the_same_figures(self) -> None:
        if not self._new_since("rebuild"):
            return
        records = self.ledger.records()
        again = Ledger.from_records(records, WORLD.tree, WORLD.authority)
        assert again.records() == records
        assert again.standings.snapshot() == self.ledger.standings.snapshot()
        assert again.stock("soap") == self.ledger.stock("soap")


LedgerMachine.TestCase.settings = LedgerMachine.TestCase.settings  # profile from conftest
TestLedgerMachine = LedgerMachine.TestCase
