using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SesecPortal.BrowserTests;
using SesecPortal.TestSupport;

[assembly: AssemblyFixture(typeof(BrowserFixture))]
// One portal and one database for the assembly; journeys that publish change what other tests read: one test at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace SesecPortal.BrowserTests;

/// <summary>The portal on Kestrel (127.0.0.1) with the seed issue, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture() : PortalFixture("sesec_browser")
{
    /// <summary>Debian's Chromium; Playwright downloads no browser of its own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept as test artifacts.</summary>
    public static string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("SESEC_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not installed at {executable}: apt-get install -y chromium (or set CHROMIUM_PATH).");
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Back to the seed alone, with no cached page: for tests that publish or edit, when they end.</summary>
    public async Task RestoreSeedAsync()
    {
        await ResetAsync();
        await Factory.Services.GetRequiredService<SesecPortal.Application.Common.IPublicCache>().EvictAsync(CancellationToken.None);
    }

    /// <summary>A page signed in (through the sign-in form) as a new account with the given role.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string role)
    {
        const string password = "Correct-Horse-42";
        await CreateUserAsync(email, password, role);
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitForPageAsync(page, new Regex("^(?!.*/account/sign-in)"));
        return page;
    }

    /// <summary>
    /// Waits until the page is at an address matching <paramref name="glob"/> (<c>**</c> any text, <c>*</c> any text
    /// without a slash, everything else literal) and its document has finished loading.
    /// </summary>
    public static Task WaitForPageAsync(IPage page, string glob, float timeout = 20_000)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append("[^/]*");
            }
        }

        return WaitForPageAsync(page, new Regex(pattern.Append('$').ToString()), timeout);
    }

    /// <summary>
    /// Waits until the page is at an address matching <paramref name="url"/> and its document has finished loading.
    /// Playwright's <c>WaitForURLAsync</c> learns of the load event from lifecycle messages kept in the .NET client,
    /// and in CI it once waited 20 s for a load that had happened (it saw "networkidle", which comes after it). Both
    /// conditions are asked of the page itself here, and retried until they hold.
    /// </summary>
    public static async Task WaitForPageAsync(IPage page, Regex url, float timeout = 20_000)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = timeout });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { Timeout = timeout });
    }

    /// <summary>Scans the page with axe-core, keeps a screenshot, and fails on any serious or critical violation, naming them.</summary>
    public static async Task ExpectAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        // A full-page screenshot of a long editor page took over the default 15 s once, on a machine busy with the other test projects.
        await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true, Timeout = 60_000 });
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.ShouldBeEmpty(string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>
    /// The axe-core scan at 1280 px and again at 375 px (a phone), where the page must not scroll sideways; the page is
    /// left at 1280 px.
    /// </summary>
    public static async Task ExpectAccessibleAtBothWidthsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1280, 900);
        await ExpectAccessibleAsync(page, name);
        await page.SetViewportSizeAsync(375, 740);
        await ExpectAccessibleAsync(page, name + "-375");
        var overflow = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, $"{name} scrolls sideways at 375 px");
        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>Fails when the page is wider than the window: it would scroll sideways.</summary>
    public static async Task ExpectNoSidewaysScrollingAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        scrollWidth.ShouldBeLessThanOrEqualTo(innerWidth, $"the page is {scrollWidth} px wide in a {innerWidth} px window");
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Fail in seconds, not minutes, when something the test waits for never comes.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        var page = await context.NewPageAsync();
        // An editor's form with unsaved changes asks before leaving (unsaved.js); a test that moves on means to leave.
        page.Dialog += async (_, dialog) =>
        {
            if (dialog.Type == DialogType.BeforeUnload)
            {
                await dialog.AcceptAsync();
            }
        };
        return page;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await base.DisposeAsync();
    }
}
