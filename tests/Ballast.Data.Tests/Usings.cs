namespace Ballast.Data.Tests; public class Placeholder {}
