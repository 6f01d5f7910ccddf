using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace VeerkrachtBot.Deployment.Tests;

/// <summary>The Bicep CLI restored from NuGet by the build (see the project file), run as a process.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> ExecutablePath = new(FindExecutable);

    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Templates,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + start.FileName);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep " + string.Join(' ', arguments) + " did not finish within 3 minutes.");
        }
        return new BicepResult(process.ExitCode, output.Result, error.Result);
    }

    private static string FindExecutable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException("The tests restore the Bicep CLI for linux-x64 (Azure.Bicep.CommandLine.linux-x64).");
        }
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BicepCli").Value
            ?? throw new InvalidOperationException("The build did not record where the Bicep CLI is.");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI package was not restored (Azure.Bicep.CommandLine.linux-x64).", path);
        }

        // NuGet does not always keep the executable bit of files in a package.
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | Execute);
        }
        return path;
    }
}

internal sealed record BicepResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n{Output}\n{Error}";
}
