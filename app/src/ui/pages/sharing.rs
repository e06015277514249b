//! The sharing panel of a round's page, for its owner: who else may co-facilitate or read
//! the round, adding someone by e-mail address, and taking a grant back.

use leptos::prelude::*;

use crate::api::auth::{ShareRound, UnshareRound};
use crate::i18n::use_lang;
use crate::model::account::{EMAIL_MAX_CHARS, Grant, GrantAccess};
use crate::model::ids::RoundId;
use crate::ui::components::Problem;

/// The actions of the sharing panel.
#[derive(Clone, Copy)]
pub struct Sharing {
    pub share: ServerAction<ShareRound>,
    pub unshare: ServerAction<UnshareRound>,
}

/// Who the round is shared with, and a form to share it.
#[component]
pub fn SharePanel(round_id: RoundId, grants: Vec<Grant>, sharing: Sharing) -> impl IntoView {
    let t = use_lang().account_texts();
    let Sharing { share, unshare } = sharing;
    let error = Signal::derive(move || {
        share.value().get().and_then(Result::err).or_else(|| unshare.value().get().and_then(Result::err))
    });
    let list = if grants.is_empty() {
        view! { <p>{t.not_shared}</p> }.into_any()
    } else {
        view! {
            <ul class="grants" data-testid="grants">
                {grants.into_iter().map(|grant| view! { <GrantItem grant round_id unshare/> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="share-heading" data-testid="sharing">
            <h2 id="share-heading">{t.share_heading}</h2>
            <p id="share-help" class="help">{t.share_help}</p>
            {list}
            <ActionForm action=share attr:class="form-row">
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <label for="share-email">{t.email_label}</label>
                <input id="share-email" name="email" type="email" required maxlength=EMAIL_MAX_CHARS
                    autocomplete="off" aria-describedby="share-help"/>
                <button type="submit">{t.share}</button>
            </ActionForm>
            <Problem error/>
        </section>
    }
}

#[component]
fn GrantItem(grant: Grant, round_id: RoundId, unshare: ServerAction<UnshareRound>) -> impl IntoView {
    let t = use_lang().account_texts();
    let access = match grant.access {
        GrantAccess::Facilitate => t.access_facilitate,
        GrantAccess::Read => t.access_read,
    };
    let user_id = grant.user_id;
    view! {
        <li>
            <span>{grant.email.clone()}</span>
            <span class="meta">{access}</span>
            <button type="button" class="secondary" aria-label=format!("{}: {}", t.remove_grant, grant.email)
                on:click=move |_| { unshare.dispatch(UnshareRound { round_id, user_id }); }>
                {t.remove_grant}
            </button>
        </li>
    }
}
