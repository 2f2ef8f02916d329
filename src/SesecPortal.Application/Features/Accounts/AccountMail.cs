using SesecPortal.Application.Common;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>The account mails: confirmations, invitations, resets, changes of address, notices. No unsubscribe: they are what the member asked for.</summary>
public sealed class AccountMail(SiteAddress site, IPortalAddresses addresses)
{
    private const string Signature = "You get this message because of an action on your SesecPortal account, or on this address.";

    /// <summary>The link to confirm the address and choose a password, with the account's activation token.</summary>
    public ComposedMail SignUp(string userId, string token) =>
        new MailComposer(site, "Confirm your address to join SesecPortal")
            .Heading("Confirm your address")
            .Paragraph("Someone, we hope you, asked to join SesecPortal with this e-mail address. Follow the link to confirm it and choose your password. The link works for 24 hours and only once.")
            .Button("Confirm my address and choose a password", addresses.Activation(userId, AccountTokens.Encode(token)))
            .Paragraph("If it was not you, ignore this message: no account is made without the link.")
            .Footer(Signature)
            .Build();

    public ComposedMail AlreadyMember() =>
        new MailComposer(site, "You already have a SesecPortal account")
            .Heading("You already have an account")
            .Paragraph("Someone, perhaps you, asked to join SesecPortal with this address, which already has an account. Sign in, or reset your password if you have forgotten it.")
            .Button("Sign in", addresses.SignIn)
            .Paragraph("If it was not you, ignore this message; nothing has changed.")
            .Footer(Signature, ("Forgot your password?", addresses.ForgotPassword))
            .Build();

    public ComposedMail Invitation(string invitedBy, string role, string userId, string token) =>
        new MailComposer(site, $"{invitedBy} invites you to SesecPortal")
            .Heading("You are invited to SesecPortal")
            .Paragraph($"{invitedBy} has made you an account on SesecPortal, as {(role == Domain.Roles.Editor ? "an editor" : "a member")}. Follow the link to choose your password. The link works for 7 days and only once.")
            .Button("Accept the invitation and choose a password", addresses.Activation(userId, AccountTokens.Encode(token)))
            .Paragraph("If you do not want the account, ignore this message.")
            .Footer(Signature)
            .Build();

    public ComposedMail PasswordReset(string email, string token) =>
        new MailComposer(site, "Reset your SesecPortal password")
            .Heading("Reset your password")
            .Paragraph("Someone asked to reset the password of your SesecPortal account. If it was you, follow the link within two hours.")
            .Button("Choose a new password", addresses.PasswordReset(email, AccountTokens.Encode(token)))
            .Paragraph("If it was not you, ignore this message: your password stays as it is.")
            .Footer(Signature)
            .Build();

    public ComposedMail EmailChange(string userId, string email, string token) =>
        new MailComposer(site, "Confirm your new SesecPortal address")
            .Heading("Confirm your new address")
            .Paragraph("You asked to use this address for your SesecPortal account. Follow the link within 24 hours to confirm it; until then the old address stays.")
            .Button("Confirm my new address", addresses.EmailChangeConfirmation(userId, email, AccountTokens.Encode(token)))
            .Paragraph("If it was not you, ignore this message.")
            .Footer(Signature)
            .Build();

    public ComposedMail Notice(string subject, string heading, string text) =>
        new MailComposer(site, subject)
            .Heading(heading)
            .Paragraph(text)
            .Paragraph("If it was not you, reset your password now and tell us.")
            .Footer(Signature, ("Reset your password", addresses.ForgotPassword))
            .Build();
}
