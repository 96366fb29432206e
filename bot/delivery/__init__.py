"""One delivery path for every message the bot sends on its own initiative.

Check-ins, milestones, weekly summaries (with their charts), morning items, SOS 15-minute
check-backs, late-night draft re-reads, step-7 follow-ups, the unsure path's two-week reminder
and crisis follow-ups are all rows in one table, the outbox, keyed by (user, kind, key) so none can exist twice. There is no other way
out: no handler sends on a timer, nothing waits in memory only.

The design, in the order a message takes:

1. Schedule. A one-off message due later (a follow-up) is written as an outbox row with its due
   time by the feature that wants it (`schedule.follow_up`); the crisis follow-up by
   `bot/features/safety/followup.py: schedule_crisis_followup(repo, user, now)`, which the
   crisis reply (`bot/features/safety/crisis.py`) calls as it sets crisis mode. Recurring
   messages are a due time on the user (users.next_checkin_at, next_summary_at,
   next_programme_at), computed by the pure rules in `recurring.py`; `schedule.reschedule` is
   the one function that recomputes them after any change. (The jobs table this replaces was
   folded into the outbox by migration 0011: a job was only ever "a message due later".)
2. Decide (`scheduler.py`). Every few seconds one pass turns due recurring times into outbox
   rows (the features' producers: a batch of users per transaction, the next due time stored
   with them), then hands every due pending row, most urgent first, to the sender's queue
   (`dispatch.py`: pending -> queued). The pass never waits for a delivery, so no kind of
   message can hold up another, and producers finish before the hand-over, so a summary due in
   the same minute as ten thousand check-ins never slips in front of one.
3. Prepare (`dispatch.preparer`, run by the sender's preparer tasks). A first look at whether
   the row may go (`hold.py`, pure: inactive, paused, too late for its kind, crisis mode, an
   open question), then the kind's renderer (Feature.deliveries) reads what it needs and gives
   the messages; charts are drawn in a worker process (`offload.py`), never on the event loop.
   A bounded buffer of prepared rows runs ahead of the sending, per priority, so summaries'
   charts are drawn while check-ins go out.
4. Send (`sender.py`, `queue.py`, `pacing.py`). Most urgent first (safety follow-ups, then
   daily messages, then summaries), each user's messages in order; the row is claimed
   (queued -> sending, with hold.py asked once more inside the same transaction) just before
   its first message leaves, and settled after its last: sent, failed, or uncertain. At most 29
   messages in any second and one per chat per second, counted where Telegram counts them,
   interactive replies included; a 429 pauses the scheduled queue exactly as long as asked; a
   403, on any kind, marks the user inactive and drops what is queued for them.

Restart-safety: a row claimed when the process died may have gone out, so start-up records it
'uncertain' and it is never resent; rows queued but not claimed go back to pending, and pending
rows simply wait for the next pass. A row later than its kind's grace (CHECKIN_GRACE_HOURS for
the daily kinds, 12 h for summaries, ...: hold.POLICIES) is recorded 'missed', never sent out of
the blue. Holding back (hold.py): a check-in, milestone, morning item or prompt waits while a
question asked in the last two hours is open (rechecked every minute, never more than two hours
past its due time), then arrives in order (a question a scheduled message opened itself, like
the check-in's first, holds nothing back until the user takes it up); crisis mode
(safety.crisis_until, set by the crisis reply for 24 hours or until "I'm okay to carry on")
skips the day's check-in, milestone, morning item, summary and SOS check-back (the unused
morning item comes back on a later morning) and moves a draft re-read, step-7 follow-up or
reminder to 10:00 local after it ends; the crisis follow-up itself always goes.
"""
