import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';

/**
 * An uploaded file (PUT /files): its description here, its bytes on disk
 * under its SHA-256, so the same content uploaded twice is stored once. It
 * belongs to a unit, whose scope decides who may download it.
 */
@Entity('stored_file')
@ObjectType({
  description:
    'An uploaded file (PUT /files), e.g. a scanned submission letter. Download it with GET /files/{id} and a bearer token; the same roles and unit scope as its dossier apply.',
})
export class StoredFile {
  @Field(() => ID, { description: "The file's id: what dossier attachments refer to." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'SHA-256 of the content, in hex: the content address on disk.' })
  @Column({ type: 'text' })
  sha256!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ type: 'int' })
  size!: number;

  @Field({
    description:
      'The content type found from the content itself (magic bytes), e.g. application/pdf.',
  })
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Field({ description: 'The file name given at upload, e.g. To-trinh-45.pdf.' })
  @Column({ type: 'text' })
  name!: string;

  /** The unit the file belongs to: its scope decides who may read it. */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @Field({ description: 'Username of the account that uploaded it.' })
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was uploaded.' })
  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
