//! `/admin/users`: the admin's list of accounts, creating one with a role and an initial
//! password, and disabling (or enabling) an account.

use leptos::prelude::*;

use crate::api::auth::{CreateAccount, SetAccountDisabled, list_accounts};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::{Account, EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, Role};
use crate::model::ids::AccountId;
use crate::ui::components::{Problem, SignInPrompt, use_current_user};

/// `/admin/users`
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.account_texts();
    let me = use_current_user().map(|user| user.id);
    let create = ServerAction::<CreateAccount>::new();
    let toggle = ServerAction::<SetAccountDisabled>::new();
    let accounts =
        Resource::new(move || (create.version().get(), toggle.version().get()), |_| list_accounts());
    view! {
        <h1>{t.accounts_heading}</h1>
        <Transition fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(accounts) => view! { <AccountsView accounts me create toggle/> }.into_any(),
                    Err(AppError::NotSignedIn) => view! { <SignInPrompt/> }.into_any(),
                    Err(AppError::Forbidden) => view! { <p class="problem" role="alert">{t.admins_only}</p> }.into_any(),
                    Err(err) => view! { <p class="problem" role="alert">{err.message(lang)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn AccountsView(
    accounts: Vec<Account>,
    me: Option<AccountId>,
    create: ServerAction<CreateAccount>,
    toggle: ServerAction<SetAccountDisabled>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.account_texts();
    let error = Signal::derive(move || {
        create.value().get().and_then(Result::err).or_else(|| toggle.value().get().and_then(Result::err))
    });
    let rows = accounts
        .into_iter()
        .map(|account| {
            let (id, disabled) = (account.id, account.disabled);
            let label = if disabled { t.enable } else { t.disable };
            let aria = format!("{label}: {}", account.email);
            view! {
                <tr>
                    <td>{account.email.clone()}" "{(me == Some(id)).then_some(t.that_is_you)}</td>
                    <td>{account.role.label(lang)}</td>
                    <td>{if disabled { t.status_disabled } else { t.status_active }}</td>
                    <td>
                        {(me != Some(id)).then(|| view! {
                            <button type="button" aria-label=aria
                                on:click=move |_| { toggle.dispatch(SetAccountDisabled { user_id: id, disabled: !disabled }); }>
                                {label}
                            </button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="accounts" data-testid="accounts">
            <thead>
                <tr>
                    <th scope="col">{t.email_label}</th>
                    <th scope="col">{t.role_label}</th>
                    <th scope="col">{t.status_label}</th>
                    <th scope="col">{t.action_label}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <section class="panel" aria-labelledby="new-account-heading">
            <h2 id="new-account-heading">{t.new_account_heading}</h2>
            <ActionForm action=create attr:class="form-grid">
                <label for="account-email">{t.email_label}</label>
                <input id="account-email" name="email" type="email" required maxlength=EMAIL_MAX_CHARS autocomplete="off"/>
                <label for="account-role">{t.role_label}</label>
                <select id="account-role" name="role">
                    {[Role::Facilitator, Role::Analyst, Role::Admin].into_iter().map(|role| view! {
                        <option value=role.as_str()>{role.label(lang)}</option>
                    }).collect_view()}
                </select>
                <label for="account-password">{t.initial_password_label}</label>
                <input id="account-password" name="password" type="text" required autocomplete="off"
                    minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS aria-describedby="account-password-help"/>
                <p id="account-password-help" class="help">{t.password_help}</p>
                <button type="submit">{t.create_account}</button>
            </ActionForm>
            <p role="status" data-testid="account-status">
                {move || matches!(create.value().get(), Some(Ok(_))).then_some(t.account_created)}
            </p>
            <Problem error/>
        </section>
    }
}
