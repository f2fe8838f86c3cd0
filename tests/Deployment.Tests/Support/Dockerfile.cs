namespace Deployment.Tests.Support;

/// <summary>A Dockerfile as its instructions (continuation lines joined, comments dropped), grouped by stage.</summary>
internal sealed class Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
{
    public string Path => path;

    public IReadOnlyList<DockerInstruction> Instructions => instructions;

    public int StageCount => instructions.Count(i => i.Keyword == "FROM");

    public IEnumerable<DockerInstruction> FinalStage => instructions.Where(i => i.Stage == StageCount - 1);

    public IEnumerable<DockerInstruction> Stage(int stage) => instructions.Where(i => i.Stage == stage);

    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in Repository.ReadText(path).Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (pending.Length == 0 && (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line)))
            {
                continue;
            }

            if (line.TrimStart().StartsWith('#'))
            {
                continue; // a comment inside a continued instruction
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : full[(space + 1)..].Trim(), stage));
        }

        return new Dockerfile(path, instructions);
    }
}

/// <summary>One instruction, e.g. <c>COPY</c> with its arguments, in stage <see cref="Stage"/> (0 = the first FROM).</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage)
{
    /// <summary>For COPY: the sources (everything but flags and the destination).</summary>
    public IReadOnlyList<string> CopySources
    {
        get
        {
            var parts = Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            return parts.Count < 2 ? [] : parts[..^1];
        }
    }

    public bool IsCopyFromStage => Keyword == "COPY" && Arguments.Contains("--from=", StringComparison.Ordinal);
}
