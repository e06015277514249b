//! Signing in, creating the first admin through the setup link, and one's own account
//! (password change, signing out).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::auth::{ChangePassword, SetUpAdmin, SignIn, SignOut, current_user, setup_open};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, User};
use crate::model::redirect::redirect_target;
use crate::ui::components::{Problem, go_to, page_or_problem};

/// `/login?next=/path`
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_lang().account_texts();
    let query = use_query_map();
    let sign_in = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(_)) = sign_in.value().get() {
            let next = query.read_untracked().get("next");
            go_to(redirect_target(next.as_deref()));
        }
    });
    view! {
        <h1>{t.sign_in_heading}</h1>
        <ActionForm action=sign_in attr:class="form-grid">
            <label for="login-email">{t.email_label}</label>
            <input id="login-email" name="email" type="email" autocomplete="username" required/>
            <label for="login-password">{t.password_label}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required/>
            <button type="submit">{t.sign_in}</button>
        </ActionForm>
        <Problem error/>
        <p class="help">{t.participants_need_no_account}</p>
    }
}

/// `/setup/:token`: the one-time link from the server log that creates the first admin.
#[component]
pub fn SetupPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.account_texts();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let open = Resource::new(token, setup_open);
    let set_up = ServerAction::<SetUpAdmin>::new();
    let error = Signal::derive(move || set_up.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(_)) = set_up.value().get() {
            go_to("/admin/users");
        }
    });
    view! {
        <h1>{t.setup_heading}</h1>
        <Transition fallback=move || view! { <p>{lang.texts().loading}</p> }>
            {move || Suspend::new(async move {
                match open.await {
                    Ok(true) => view! {
                        <p>{t.setup_intro}</p>
                        <ActionForm action=set_up attr:class="form-grid">
                            <input type="hidden" name="token" value=token()/>
                            <label for="setup-email">{t.email_label}</label>
                            <input id="setup-email" name="email" type="email" autocomplete="username" required/>
                            <NewPasswordFields prefix="setup" label=t.password_label repeat_label=t.password_repeat_label/>
                            <button type="submit">{t.create_admin}</button>
                        </ActionForm>
                    }.into_any(),
                    Ok(false) => view! {
                        <p class="problem" role="alert">{AppError::SetupLinkInvalid.message(lang)}</p>
                        <p><a href="/login">{t.sign_in}</a></p>
                    }.into_any(),
                    Err(err) => view! { <p class="problem" role="alert">{err.message(lang)}</p> }.into_any(),
                }
            })}
        </Transition>
        <Problem error/>
    }
}

/// A new password typed twice, with the rule under it.
#[component]
fn NewPasswordFields(prefix: &'static str, label: &'static str, repeat_label: &'static str) -> impl IntoView {
    let t = use_lang().account_texts();
    let (id, repeat_id, help_id) =
        (format!("{prefix}-password"), format!("{prefix}-repeated"), format!("{prefix}-help"));
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name="password" type="password" autocomplete="new-password" required
            minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS aria-describedby=help_id.clone()/>
        <label for=repeat_id.clone()>{repeat_label}</label>
        <input id=repeat_id name="repeated" type="password" autocomplete="new-password" required
            minlength=PASSWORD_MIN_CHARS maxlength=PASSWORD_MAX_CHARS/>
        <p id=help_id class="help">{t.password_help}</p>
    }
}

/// `/account`
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(
        || (),
        |_| async { current_user().await.and_then(|user| user.ok_or(AppError::NotSignedIn)) },
    );
    page_or_problem(account, None, |user| view! { <AccountView user/> })
}

#[component]
fn AccountView(user: User) -> impl IntoView {
    let lang = use_lang();
    let t = lang.account_texts();
    let change = ServerAction::<ChangePassword>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let error = Signal::derive(move || {
        change.value().get().and_then(Result::err).or_else(|| sign_out.value().get().and_then(Result::err))
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_out.value().get() {
            go_to("/");
        }
    });
    view! {
        <h1>{t.account_heading}</h1>
        <dl class="account-facts">
            <dt>{t.email_label}</dt><dd data-testid="account-email">{user.email}</dd>
            <dt>{t.role_label}</dt><dd>{user.role.label(lang)}</dd>
        </dl>
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">{t.change_password_heading}</h2>
            <ActionForm action=change attr:class="form-grid">
                <label for="current-password">{t.current_password_label}</label>
                <input id="current-password" name="current" type="password" autocomplete="current-password" required/>
                <NewPasswordFields prefix="new" label=t.new_password_label repeat_label=t.new_password_repeat_label/>
                <button type="submit">{t.change_password}</button>
            </ActionForm>
            <p role="status" data-testid="password-status">
                {move || matches!(change.value().get(), Some(Ok(()))).then_some(t.password_changed)}
            </p>
        </section>
        <ActionForm action=sign_out>
            <button type="submit" class="secondary">{t.sign_out}</button>
        </ActionForm>
        <Problem error/>
    }
}
