//! The start page: join a workshop by code; signed in, open and create rounds.

use leptos::prelude::*;

use crate::api::{CreateRound, list_rounds};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::RoundSummary;
use crate::model::TITLE_MAX_CHARS;
use crate::model::account::{Role, User};
use crate::ui::components::{Problem, use_current_user};
use crate::ui::pages::participant::JoinByCode;

/// `/`
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let me = use_current_user();
    let create = ServerAction::<CreateRound>::new();
    // The resource lives at the page's top: a resource made inside a Suspend's view does not
    // survive the Suspend running again, on the server or when hydrating.
    let rounds = Resource::new(move || create.version().get(), |_| list_rounds());
    view! {
        <h1>"Klustra"</h1>
        <JoinByCode/>
        <Transition fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || {
                let me = me.clone();
                Suspend::new(async move {
                match (me, rounds.await) {
                    (Some(user), Ok(list)) => view! { <Rounds user list create/> }.into_any(),
                    (None, _) | (_, Err(AppError::NotSignedIn)) => view! {
                        <section aria-labelledby="rounds-heading">
                            <h2 id="rounds-heading">{lang.texts().rounds_heading}</h2>
                            <p>{lang.account_texts().sign_in_needed}" "
                                <a href="/login">{lang.account_texts().sign_in}</a>
                            </p>
                        </section>
                    }.into_any(),
                    (_, Err(err)) => view! { <p class="problem" role="alert">{err.message(lang)}</p> }.into_any(),
                }
            })}}
        </Transition>
    }
}

/// The rounds the signed-in person may open, and (for those who run rounds) a new one.
#[component]
fn Rounds(user: User, list: Vec<RoundSummary>, create: ServerAction<CreateRound>) -> impl IntoView {
    let t = use_lang().texts();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let may_create = user.role != Role::Analyst;
    let rounds = if list.is_empty() {
        view! { <p>{t.no_rounds}</p> }.into_any()
    } else {
        view! {
            <ul class="cards" data-testid="rounds">
                {list.into_iter().map(|round| view! {
                    <li class="card">
                        <a href=format!("/rounds/{}", round.id)>{round.title}</a>
                        <span class="meta">{(t.workshops_n)(round.workshop_count)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="rounds-heading">
            <h2 id="rounds-heading">{t.rounds_heading}</h2>
            {rounds}
            {may_create.then(|| view! {
                <h3>{t.new_round_heading}</h3>
                <ActionForm action=create attr:class="form-row">
                    <label for="round-title">{t.round_title_label}</label>
                    <input id="round-title" name="title" required maxlength=TITLE_MAX_CHARS autocomplete="off"/>
                    <button type="submit">{t.create_round}</button>
                </ActionForm>
                <Problem error/>
            })}
        </section>
    }
}
