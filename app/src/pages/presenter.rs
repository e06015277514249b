//! The presenter view for a projector: large notes, the code and the countdown, live, no
//! controls. It shows what every participant may see: no hidden notes, nothing written
//! during private writing until the reveal.

use leptos::prelude::*;

use crate::board::{Countdown, author_line};
use crate::i18n::use_lang;
use crate::live_board::{BoardView, LiveBoard};
use crate::model::FacilitatorBoard;
use crate::pages::facilitator::with_facilitator_board;
use crate::voting::{SupportCount, VoteResults};

/// `/workshops/:workshop_id/present`
#[component]
pub fn PresenterPage() -> impl IntoView {
    with_facilitator_board(BoardView::Presenter, |board| view! { <PresenterView board/> })
}

#[component]
fn PresenterView(board: FacilitatorBoard) -> impl IntoView {
    let lang = use_lang();
    let (t, bt) = (lang.texts(), lang.board_texts());
    let live = LiveBoard::new(&board.board, BoardView::Presenter);
    live.connect();
    let workshop = board.board.workshop;
    view! {
        <div class="presenter">
            <header class="presenter-head">
                <h1>{workshop.title}</h1>
                <p class="presenter-code">
                    {t.join_heading}": "<strong>{workshop.join_code.display()}</strong>
                </p>
                <p class="presenter-count" role="status">{move || (bt.notes)(live.notes.with(Vec::len))}</p>
                <Countdown board=live large=true/>
                <img class="qr presenter-qr" src=format!("/workshops/{}/qr.svg", workshop.id) alt=t.qr_alt width="160" height="160"/>
            </header>
            {move || live.status.with(|s| s.private_mode).then(|| view! {
                <p class="notice private">{t.private_active}</p>
            })}
            <VoteResults board=live large=true after_close=true/>
            <ul class="notes presenter-notes" data-testid="notes">
                <For each=move || live.notes.get() key=|note| (note.id, note.text.clone(), note.merged_count) let:note>
                    <li class="note">
                        <p class="note-text">{note.text.clone()}</p>
                        <p class="note-meta">
                            <span>{author_line(&note, t.anonymous)}</span>
                            <SupportCount board=live note_id=note.id/>
                        </p>
                    </li>
                </For>
            </ul>
        </div>
    }
}
