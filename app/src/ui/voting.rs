//! +1 and dot voting on the pages: the +1 button and count on notes, the participant's
//! ballot, the facilitator's vote controls and the live results (also on the projector).
//!
//! Counts are read live from the board's signals, so a changing count never rebuilds the
//! button that has the keyboard focus.

use leptos::prelude::*;

use crate::api::{CloseVote, GiveDot, OpenVote, SupportNote, TakeBackDot};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::ids::{NoteId, VoteId, VoteTargetId};
use crate::model::vote::{DOTS_MAX, Vote, VoteTarget, ballot_targets};
use crate::texts::Texts;
use crate::ui::components::Problem;
use crate::ui::live_board::LiveBoard;

/// A note's supporters and whether the viewer is one of them, read live.
fn support_of(board: LiveBoard, id: NoteId) -> (i64, bool) {
    board.notes.with(|notes| {
        notes.iter().find(|n| n.id == id).map_or((0, false), |n| (n.supporters, n.supported_by_me))
    })
}

/// "+3" on a note that three participants gave +1.
#[component]
pub fn SupportCount(board: LiveBoard, note_id: NoteId) -> impl IntoView {
    let t = use_lang().texts();
    move || {
        let (count, _) = support_of(board, note_id);
        (count > 0).then(|| {
            view! {
                <span class="badge supporters" data-testid="supporters">
                    {format!("+{count}")}
                    <span class="visually-hidden">{format!(" ({})", (t.supporters)(count))}</span>
                </span>
            }
        })
    }
}

/// The +1 toggle on someone else's note; pressed while the viewer supports it.
#[component]
pub fn SupportButton(board: LiveBoard, note_id: NoteId, text: String) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let action = ServerAction::<SupportNote>::new();
    Effect::new(move |_| {
        if let Some(Ok(support)) = action.value().get() {
            board.supported(support);
        }
    });
    let pressed = move || support_of(board, note_id).1;
    let error = move || action.value().get().and_then(Result::err);
    // The name starts with what the button shows, and says which note it is about. An
    // attribute, not hidden text, so the note's text appears once in the page's text.
    let label = (t.support_button)(&text);
    view! {
        <button type="button" class="support" aria-pressed=move || pressed().to_string() aria-label=label
            on:click=move |_| {
                action.dispatch(SupportNote { note_id, supported: !pressed() });
            }>
            "+1"
        </button>
        {move || error().map(|err| view! { <span class="problem" role="alert">{err.message(lang)}</span> })}
    }
}

/// The ballot's rows: what the viewer can put dots on, named (notes that left the board
/// while holding the viewer's dots get a placeholder name).
fn targets(t: &Texts, board: LiveBoard, vote: &Vote) -> Vec<(VoteTargetId, String)> {
    board.notes.with(|notes| {
        ballot_targets(vote, notes, t.theme_n)
            .into_iter()
            .map(|(id, label)| (id, label.unwrap_or_else(|| t.gone_note.to_string())))
            .collect()
    })
}

/// The label of a target for the results (`None`: it has left the board).
fn target_label(t: &Texts, board: LiveBoard, vote: &Vote, id: VoteTargetId) -> Option<String> {
    match vote.target {
        VoteTarget::Themes => vote.option_label(id, t.theme_n),
        VoteTarget::Notes => board.note_text(id.as_note()),
    }
}

/// The participant's ballot while a vote is open (placing and taking back dots), and the
/// results once it closed.
#[component]
pub fn Ballot(board: LiveBoard) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let give = ServerAction::<GiveDot>::new();
    let take = ServerAction::<TakeBackDot>::new();
    // The last answer decides the message, so a refused dot's message goes once a dot moves.
    let problem = RwSignal::new(None::<AppError>);
    for action in [give.value(), take.value()] {
        Effect::new(move |_| match action.get() {
            Some(Ok(mine)) => {
                board.my_dots(&mine);
                problem.set(None);
            }
            Some(Err(err)) => problem.set(Some(err)),
            None => {}
        });
    }
    // A memo, so tallies do not rebuild the ballot (and take the focus from its buttons).
    let shown = Memo::new(move |_| board.vote.with(|v| v.as_ref().map(|v| (v.id, v.open))));
    // A refusal belongs to the vote it was about: it goes when that vote closes or another opens.
    Effect::new(move |_| {
        shown.track();
        problem.set(None);
    });
    move || {
        shown.get().map(|(vote_id, open)| {
            view! {
                <section class="panel vote" aria-labelledby="ballot-heading" data-testid="ballot">
                    <h2 id="ballot-heading">{t.vote_heading}</h2>
                    <p class="notice info" role="status">{if open { t.vote_open_notice } else { t.vote_closed_notice }}</p>
                    <p class="dots-left" role="status" aria-live="polite" data-testid="dots-left">
                        {move || board.vote.with(|v| v.as_ref().filter(|v| v.open).map(|v| (t.dots_left)(v.dots_left(), v.dots_per_participant)))}
                    </p>
                    <Problem error=problem/>
                    {if open {
                        view! { <BallotRows board vote_id give take/> }.into_any()
                    } else {
                        view! { <VoteResults board/> }.into_any()
                    }}
                </section>
            }
        })
    }
}

/// One row per target: its name, the viewer's dots and the two buttons. No running totals:
/// they would steer the vote while it is open.
#[component]
fn BallotRows(
    board: LiveBoard,
    vote_id: VoteId,
    give: ServerAction<GiveDot>,
    take: ServerAction<TakeBackDot>,
) -> impl IntoView {
    let t = use_lang().texts();
    let rows = move || board.vote.with(|v| v.as_ref().map(|v| targets(t, board, v)).unwrap_or_default());
    let dots = move |id: VoteTargetId| {
        board.vote.with(|v| v.as_ref().map_or(0, |v| v.my_dots.get(&id).copied().unwrap_or(0)))
    };
    view! {
        <ul class="ballot" data-testid="ballot-rows">
            <For each=rows key=|row| row.clone() let:row>
                {
                    let (id, label) = row;
                    let give_label = (t.give_dot_button)(&label);
                    let take_label = (t.take_dot_button)(&label);
                    view! {
                        <li class="ballot-row" data-target-id=id.to_string()>
                            <span class="ballot-label">{label}</span>
                            <span class="ballot-dots" data-testid="my-dots">
                                {move || format!("{}: {}", t.your_dots, dots(id))}
                            </span>
                            <button type="button" aria-label=give_label on:click=move |_| {
                                give.dispatch(GiveDot { vote_id, target_id: id });
                            }>
                                {t.give_dot}
                            </button>
                            // aria-disabled, not disabled: the button keeps the keyboard focus
                            // when its last dot is taken back.
                            <button type="button" class="secondary" aria-label=take_label
                                aria-disabled=move || (dots(id) == 0).to_string()
                                on:click=move |_| {
                                    if dots(id) > 0 {
                                        take.dispatch(TakeBackDot { vote_id, target_id: id });
                                    }
                                }>
                                {t.take_dot}
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// The vote's results, most dots first, updated live; `large` on the projector.
#[component]
pub fn VoteResults(
    board: LiveBoard,
    #[prop(optional)] large: bool,
    /// Show the totals only once the vote is closed (a projector: running totals would
    /// steer the vote).
    #[prop(optional)]
    after_close: bool,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let waiting = lang.board_texts().results_after_close;
    move || {
        board.vote.with(|vote| {
            vote.as_ref().map(|vote| {
                let ranked: Vec<(String, i64)> = vote
                    .ranking()
                    .into_iter()
                    .filter_map(|(id, dots)| Some((target_label(t, board, vote, id)?, dots)))
                    .collect();
                let status = if vote.open { t.vote_open_notice } else { t.vote_closed_notice };
                view! {
                    <div class="vote-results" class:large=large>
                        <h3>{t.results_heading}</h3>
                        <p class="meta">{status}</p>
                        {if vote.open && after_close {
                            view! { <p>{waiting}</p> }.into_any()
                        } else if ranked.is_empty() {
                            view! { <p>{t.no_dots_yet}</p> }.into_any()
                        } else {
                            view! {
                                <ol data-testid="vote-results">
                                    {ranked.into_iter().map(|(label, dots)| view! {
                                        <li>
                                            <span class="result-label">{label}</span>" "
                                            <strong class="result-dots" data-testid="tally">{(t.dots_n)(dots)}</strong>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                    </div>
                }
            })
        })
    }
}

/// The facilitator's vote panel: open a vote (dots per participant, notes or themes), close
/// it, and watch the results.
#[component]
pub fn VoteControls(board: LiveBoard) -> impl IntoView {
    let t = use_lang().texts();
    let open_vote = ServerAction::<OpenVote>::new();
    let close_vote = ServerAction::<CloseVote>::new();
    let errors = Signal::derive(move || {
        open_vote
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| close_vote.value().get().and_then(Result::err))
    });
    // A memo, so tallies do not rebuild the form (and take the focus from its button).
    let open_id = Memo::new(move |_| board.vote.with(|v| v.as_ref().filter(|v| v.open).map(|v| v.id)));
    view! {
        <section class="panel vote" aria-labelledby="vote-controls-heading">
            <h2 id="vote-controls-heading">{t.vote_heading}</h2>
            {move || match open_id.get() {
                Some(vote_id) => view! {
                    <ActionForm action=close_vote attr:class="form-row">
                        <input type="hidden" name="vote_id" value=vote_id.to_string()/>
                        <span class="badge" data-testid="vote-state">{t.vote_open_notice}</span>
                        <button type="submit">{t.close_vote}</button>
                    </ActionForm>
                }.into_any(),
                None => view! {
                    <ActionForm action=open_vote attr:class="form-row">
                        <input type="hidden" name="workshop_id" value=board.workshop_id.to_string()/>
                        <label for="vote-dots">{t.vote_dots_label}</label>
                        <input id="vote-dots" name="dots" type="number" min="1" max=DOTS_MAX value="5" class="narrow" required/>
                        <label for="vote-target">{t.vote_target_label}</label>
                        <select id="vote-target" name="target">
                            <option value="notes">{t.vote_on_notes}</option>
                            <option value="themes">{t.vote_on_themes}</option>
                        </select>
                        <button type="submit">{t.open_vote}</button>
                    </ActionForm>
                }.into_any(),
            }}
            <Problem error=errors/>
            <VoteResults board/>
        </section>
    }
}
