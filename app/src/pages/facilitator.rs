//! The facilitator's page for one workshop: how to let people in, the board, the lock.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{DeleteNote, EditNote, SetWorkshopLocked, get_facilitator_board};
use crate::components::Problem;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{FacilitatorBoard, WorkshopState};
use crate::pages::participant::NoteList;

/// `/workshops/:workshop_id`
#[component]
pub fn FacilitatorPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let params = use_params_map();
    let workshop_id = move || params.read().get("workshop_id").and_then(|id| Uuid::parse_str(&id).ok());
    let set_locked = ServerAction::<SetWorkshopLocked>::new();
    let board = Resource::new(
        move || (workshop_id(), set_locked.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_facilitator_board(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <FacilitatorView board set_locked/> }.into_any(),
                    Err(AppError::Forbidden) => view! {
                        <p class="problem" role="alert">{t.facilitator_only}</p>
                    }.into_any(),
                    Err(err) => view! {
                        <h1>{t.not_found}</h1>
                        <p class="problem" role="alert">{err.message(lang)}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FacilitatorView(board: FacilitatorBoard, set_locked: ServerAction<SetWorkshopLocked>) -> impl IntoView {
    let t = use_lang().texts();
    let error = Signal::derive(move || set_locked.value().get().and_then(Result::err));
    let workshop = board.board.workshop;
    let locked = workshop.state == WorkshopState::Locked;
    // Facilitators moderate in the live-board work; here their list is read-only.
    let edit = ServerAction::<EditNote>::new();
    let delete = ServerAction::<DeleteNote>::new();
    view! {
        <p class="crumbs">
            <a href=format!("/rounds/{}", workshop.round_id)>{t.back_to_round}": "{workshop.round_title}</a>
        </p>
        <h1>{workshop.title}</h1>
        <p class="meta">{workshop.sector}" "{workshop.held_on.unwrap_or_default()}</p>
        <ul class="prompts">
            {workshop.prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
        <section class="join-details panel" aria-labelledby="join-details-heading">
            <div>
                <h2 id="join-details-heading">{t.join_heading}</h2>
                <p class="big-code" data-testid="join-code">{workshop.join_code.display()}</p>
                <p>{t.join_link}": "<a href=board.join_url.clone() data-testid="join-link">{board.join_url.clone()}</a></p>
                <p class="meta">{format!("{} {}", board.participant_count, t.participants_count)}</p>
                <div class="form-row">
                    <span class="badge" data-testid="state">{if locked { t.state_locked } else { t.state_open }}</span>
                    <ActionForm action=set_locked attr:class="inline">
                        <input type="hidden" name="workshop_id" value=workshop.id.to_string()/>
                        <input type="hidden" name="locked" value=(!locked).to_string()/>
                        <button type="submit">{if locked { t.unlock } else { t.lock }}</button>
                    </ActionForm>
                </div>
                <Problem error/>
            </div>
            <img class="qr" src=format!("/workshops/{}/qr.svg", workshop.id) alt=t.qr_alt width="200" height="200"/>
        </section>
        <NoteList notes=board.board.notes locked edit delete/>
    }
}
