import path from 'node:path';
import ts from 'typescript';
import { ACHIEVEMENT_LIFECYCLE } from '../../src/modules/achievements/achievement.service';
import { AWARD_LIFECYCLE } from '../../src/modules/awards/award.service';
import { CAMPAIGN_LIFECYCLE } from '../../src/modules/campaigns/campaign.service';
import {
  CONFERENCE_LIFECYCLE,
  DELEGATION_LIFECYCLE,
} from '../../src/modules/conferences/conference.rules';
import { Role } from '../../src/modules/accounts/account.entity';
import { labels, messages } from '../../src/i18n/messages';

/**
 * Reads the server's source (src/, without the browser pages' scripts, which
 * have a compiler configuration of their own) with the TypeScript compiler,
 * so that the checks below see what tsc sees, types included.
 */
const root = path.resolve(__dirname, '../..');
const srcDir = path.join(root, 'src');
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, 'tsconfig.build.json'),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
)!;
const program = ts.createProgram(
  config.fileNames.filter((file) => file.startsWith(srcDir + path.sep)),
  config.options,
);
const checker = program.getTypeChecker();
const sourceFiles = program
  .getSourceFiles()
  .filter((file) => !file.isDeclarationFile && file.fileName.startsWith(srcDir + path.sep));

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(root, file.fileName)}:${line + 1}`;
}

function visitAll(
  visit: (node: ts.Node) => void,
  files: readonly ts.SourceFile[] = sourceFiles,
): void {
  const walk = (node: ts.Node) => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  for (const file of files) walk(file);
}

/** True when a value of `type` can be a string (so it is not a message of the catalogue). */
function canBeString(type: ts.Type): boolean {
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  return type.isUnion() && type.types.some(canBeString);
}

/** The class a `new` expression constructs, by name. */
function constructedClass(typeChecker: ts.TypeChecker, node: ts.NewExpression): string | undefined {
  const declaration = typeChecker.getResolvedSignature(node)?.getDeclaration();
  const owner = declaration?.parent;
  return owner && ts.isClassDeclaration(owner) ? owner.name?.text : undefined;
}

const STRING_SYNTAX = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateExpression,
]);

/**
 * Where `files` give an error a plain string for a message: a string (or
 * anything that may be one) where a constructor takes `ErrorText`, or a
 * GraphQLError made on the spot from a literal, which skips the catalogue.
 */
function plainMessages(typeChecker: ts.TypeChecker, files: readonly ts.SourceFile[]): string[] {
  const plain: string[] = [];
  visitAll((node) => {
    if (!ts.isNewExpression(node)) return;
    const signature = typeChecker.getResolvedSignature(node);
    signature?.getParameters().forEach((parameter, i) => {
      const declared = parameter.valueDeclaration;
      const argument = node.arguments?.[i];
      if (!argument || !declared || !ts.isParameter(declared)) return;
      if (declared.type?.getText() !== 'ErrorText') return;
      if (canBeString(typeChecker.getTypeAtLocation(argument))) {
        plain.push(`${where(argument)} ${argument.getText()}`);
      }
    });
    const [first] = node.arguments ?? [];
    if (
      first &&
      STRING_SYNTAX.has(first.kind) &&
      constructedClass(typeChecker, node) === 'GraphQLError'
    ) {
      plain.push(`${where(first)} ${first.getText()}`);
    }
  }, files);
  return plain;
}

describe('messages in the source', () => {
  it('are catalogue messages: no error a client sees is written as a plain string', () => {
    expect(plainMessages(checker, sourceFiles)).toEqual([]);
  });

  it('are found when they are plain strings (the check above can fail)', () => {
    const probe = ts.createSourceFile(
      path.join(srcDir, 'probe.ts'),
      `import { GraphQLError } from 'graphql';
       import { BadInputError, ConflictError, NotFoundError } from './errors';
       import { msg } from './i18n/i18n';
       const code = 'X';
       const text = code.toLowerCase();
       export const fine = [
         new BadInputError(msg('unit.codeFormat'), { field: 'code' }),
         new NotFoundError('Unit', code),
       ];
       export const plain = [
         new BadInputError('code is bad', { field: 'code' }),
         new ConflictError(\`\${code} is taken\`),
         new ConflictError(text),
         new GraphQLError('made on the spot'),
       ];`,
      ts.ScriptTarget.ES2022,
      true,
    );
    const host = ts.createCompilerHost(config.options);
    const read = host.getSourceFile;
    host.getSourceFile = (name, ...rest) =>
      name === probe.fileName ? probe : read.call(host, name, ...rest);
    const probeProgram = ts.createProgram([probe.fileName], config.options, host, program);
    const found = plainMessages(probeProgram.getTypeChecker(), [
      probeProgram.getSourceFile(probe.fileName)!,
    ]);
    expect(found.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      "'code is bad'",
      '`${code} is taken`',
      'text',
      "'made on the spot'",
    ]);
  });

  it('names, in NOT_FOUND errors and row locks, only entities that have labels', () => {
    const unnamed: string[] = [];
    visitAll((node) => {
      if (ts.isNewExpression(node) && constructedClass(checker, node) === 'NotFoundError') {
        const [what] = node.arguments ?? [];
        if (what && ts.isStringLiteral(what) && !labels[what.text]) {
          unnamed.push(`${where(what)} ${what.text}`);
        }
      }
      // lockById(manager, Entity, id): its NOT_FOUND names the entity class.
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'lockById'
      ) {
        const entity = node.arguments[1];
        if (entity && ts.isIdentifier(entity) && !labels[entity.text]) {
          unnamed.push(`${where(entity)} ${entity.text}`);
        }
      }
    });
    expect(unnamed).toEqual([]);
  });

  it('has labels for every lifecycle, its states and every role', () => {
    const lifecycles = [
      ACHIEVEMENT_LIFECYCLE,
      AWARD_LIFECYCLE,
      CAMPAIGN_LIFECYCLE,
      CONFERENCE_LIFECYCLE,
      DELEGATION_LIFECYCLE,
    ];
    const codes = [
      ...lifecycles.flatMap((lifecycle) => [lifecycle.name, ...lifecycle.states]),
      ...Object.values(Role),
    ];
    expect(codes.filter((code) => !labels[code])).toEqual([]);
  });
});

describe('the catalogue', () => {
  /** Every entry of every catalogue object in src/i18n: a quoted key whose value has `en` and `vi`. */
  function entries(): ts.PropertyAssignment[] {
    const found: ts.PropertyAssignment[] = [];
    const i18nFiles = sourceFiles.filter((file) =>
      file.fileName.startsWith(path.join(srcDir, 'i18n') + path.sep),
    );
    visitAll((node) => {
      if (
        ts.isPropertyAssignment(node) &&
        ts.isStringLiteral(node.name) &&
        ts.isObjectLiteralExpression(node.initializer)
      ) {
        const names = node.initializer.properties.map((p) => p.name?.getText());
        if (names.includes('en') && names.includes('vi')) found.push(node);
      }
    }, i18nFiles);
    return found;
  }

  it('defines each key once', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const entry of entries()) {
      const key = (entry.name as ts.StringLiteral).text;
      if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${where(entry)}`);
      seen.set(key, where(entry));
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(messages).length);
  });

  it('holds no message that the source never uses', () => {
    const definitions = new Set<ts.Node>(entries().map((entry) => entry.name));
    const used = new Set<string>();
    visitAll((node) => {
      if (ts.isStringLiteralLike(node) && !definitions.has(node)) used.add(node.text);
    });
    expect(Object.keys(messages).filter((key) => !used.has(key))).toEqual([]);
  });
});
