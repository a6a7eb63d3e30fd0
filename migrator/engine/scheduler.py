"""Running a batch of jobs concurrently where that is safe.

Each job belongs to a lane (a vendor account: at most `workers[lane]` of its jobs in flight, the
account's throttle does the fine pacing), has a key (the item it touches: jobs with the same key
run one after another, in batch order) and may need other jobs of the batch to succeed first.
Cancellation is cooperative: no new job starts once the token is set; jobs in flight finish.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum

from migrator.progress import CancelToken


class JobState(StrEnum):
    OK = "ok"
    FAILED = "failed"
    BLOCKED = "blocked"
    """A job it needed failed or was blocked."""
    NOT_STARTED = "not_started"
    """Cancelled before it started."""


@dataclass(frozen=True)
class Job:
    id: str
    lane: str
    key: str
    needs: frozenset[str] = frozenset()


def run_jobs(
    jobs: Sequence[Job],
    workers: Mapping[str, int],
    work: Callable[[Job], bool],
    cancel: CancelToken,
    on_finish: Callable[[Job, JobState], None] = lambda job, state: None,
) -> dict[str, JobState]:
    """Run `work(job)` (True: succeeded) on threads; returns each job's state.

    `on_finish` runs on the calling thread. An exception from `work` stops new jobs, lets the
    ones in flight finish, and is raised here."""
    states: dict[str, JobState] = {}
    queue = list(jobs)
    in_flight: dict[Future[bool], Job] = {}
    busy_keys: set[str] = set()
    lane_load: dict[str, int] = {}
    error: BaseException | None = None
    ids = {job.id for job in jobs}
    lanes = {job.lane for job in jobs}
    pool_size = max(1, min(len(jobs), sum(max(1, workers.get(lane, 1)) for lane in lanes)))

    def finish(job: Job, state: JobState) -> None:
        states[job.id] = state
        on_finish(job, state)

    with ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="migrator-apply") as pool:
        while queue or in_flight:
            progressed = error is None and not cancel.cancelled
            while progressed:
                progressed = False
                waiting_keys: set[str] = set()
                for job in list(queue):
                    if all(lane_load.get(lane, 0) >= workers.get(lane, 1) for lane in lanes):
                        break  # every account is at its limit: wait for a job to finish
                    needs = [n for n in job.needs if n in ids]
                    if any(states.get(n) in (JobState.FAILED, JobState.BLOCKED) for n in needs):
                        queue.remove(job)
                        finish(job, JobState.BLOCKED)
                        progressed = True
                        continue
                    ready = all(states.get(n) is JobState.OK for n in needs)
                    free = job.key not in busy_keys and job.key not in waiting_keys
                    if ready and free and lane_load.get(job.lane, 0) < workers.get(job.lane, 1):
                        queue.remove(job)
                        busy_keys.add(job.key)
                        lane_load[job.lane] = lane_load.get(job.lane, 0) + 1
                        in_flight[pool.submit(work, job)] = job
                        progressed = True
                    else:
                        waiting_keys.add(job.key)  # later jobs on this item keep their order
            if not in_flight:
                for job in queue:  # cancelled, failed, or needs that can never be met
                    finish(job, JobState.NOT_STARTED)
                queue.clear()
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                job = in_flight.pop(future)
                busy_keys.discard(job.key)
                lane_load[job.lane] -= 1
                try:
                    succeeded = future.result()
                except BaseException as exc:  # surfaced once the pool is drained
                    error = error or exc
                    states[job.id] = JobState.FAILED
                    continue
                finish(job, JobState.OK if succeeded else JobState.FAILED)
    if error is not None:
        raise error
    return states
