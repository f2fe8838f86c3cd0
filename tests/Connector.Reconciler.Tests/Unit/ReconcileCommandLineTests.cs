using Connector.Reconciler.Command;

namespace Connector.Reconciler.Tests.Unit;

public sealed class ReconcileCommandLineTests
{
    [Theory]
    [InlineData(new string[0], false, ReconcileCommandLine.DefaultShow, false)]
    [InlineData(new[] { "--dry-run" }, true, ReconcileCommandLine.DefaultShow, false)]
    [InlineData(new[] { "--dry-run", "--show", "5" }, true, 5, false)]
    [InlineData(new[] { "--show=0", "--json" }, false, 0, true)]
    [InlineData(new[] { "--json", "--dry-run", "--show", "100" }, true, 100, true)]
    public void Arguments_are_read(string[] arguments, bool dryRun, int show, bool json)
    {
        Assert.True(ReconcileCommandLine.TryParse(arguments, out var line, out var problem), problem);

        Assert.Equal(dryRun, line.DryRun);
        Assert.Equal(show, line.Show);
        Assert.Equal(json, line.Json);
    }

    [Theory]
    [InlineData(new[] { "--show" }, "--show needs a number")]
    [InlineData(new[] { "--show", "-1" }, "--show needs a number")]
    [InlineData(new[] { "--show", "many" }, "got 'many'")]
    [InlineData(new[] { "--dryrun" }, "Unknown argument '--dryrun'")]
    public void Bad_arguments_are_named(string[] arguments, string expected)
    {
        Assert.False(ReconcileCommandLine.TryParse(arguments, out var line, out var problem));

        Assert.Null(line);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "reconcile" }, true)]
    [InlineData(new[] { "reconcile", "--dry-run" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new string[0], false)]
    public void The_command_is_recognised_by_its_first_argument(string[] args, bool invoked) =>
        Assert.Equal(invoked, ReconcileCommand.IsInvoked(args));
}
