import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../src/schema';

/**
 * Every element a client can see in the schema, each with its description:
 * named types, fields and their arguments, input fields and enum values,
 * under the coordinate a client would use (`Type`, `Type.field`,
 * `Type.field(arg:)`, `Enum.VALUE`). Built-in scalars and introspection
 * types are graphql-js's own and described there.
 */
function describedElements(schema: GraphQLSchema): Map<string, string | null | undefined> {
  const elements = new Map<string, string | null | undefined>();
  const types = Object.values(schema.getTypeMap()).filter(
    (type: GraphQLNamedType) => !type.name.startsWith('__') && !isSpecifiedScalarType(type),
  );
  for (const type of types) {
    elements.set(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.set(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) {
          elements.set(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.set(`${type.name}.${field.name}`, field.description);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        elements.set(`${type.name}.${value.name}`, value.description);
      }
    }
  }
  return elements;
}

/** The last part of a coordinate: the type, field, argument or value name. */
function ownName(coordinate: string): string {
  return coordinate
    .replace(/\(([^:]+):\)$/, '.$1')
    .split('.')
    .at(-1)!;
}

/** Letters and digits only, lower case: `Is leader.` and `isLeader` compare equal. */
function bare(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

describe('schema descriptions', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });

  it('describes every type, field, argument, input field and enum value', () => {
    const missing = [...describedElements(schema)]
      .filter(([, description]) => !description?.trim())
      .map(([coordinate]) => coordinate);
    expect(missing).toEqual([]);
  });

  it('says more than the name it describes', () => {
    const echoes = [...describedElements(schema)]
      .filter(([coordinate, description]) => {
        if (!description?.trim()) return false;
        return bare(description) === bare(ownName(coordinate));
      })
      .map(([coordinate]) => coordinate);
    expect(echoes).toEqual([]);
  });

  it("keeps the contract's own descriptions word for word", () => {
    const contract = buildSchema(readFileSync(path.resolve(__dirname, 'contract.graphql'), 'utf8'));
    const ours = describedElements(schema);
    const changed = [...describedElements(contract)]
      .filter(([, description]) => description)
      .filter(([coordinate, description]) => ours.get(coordinate) !== description)
      .map(([coordinate, description]) => ({
        coordinate,
        contract: description,
        schema: ours.get(coordinate),
      }));
    expect(changed).toEqual([]);
  });
});
